using System.Net;
using System.Net.Http.Headers;

namespace SipCube.MediaNode.Tests.Hosting;

public sealed class ApiAuthTests
{
    [Fact]
    public async Task Without_a_configured_key_a_non_loopback_caller_gets_401_problem()
    {
        using var node = new NodeFactory(IPAddress.Parse("203.0.113.9"));
        using var client = node.CreateClient();

        var response = await client.GetAsync("/api/mappings");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task With_a_configured_key_the_key_is_required_and_accepted_both_ways()
    {
        using var node = new NodeFactory(IPAddress.Parse("203.0.113.9"), apiKey: "k3y");
        using var client = node.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/mappings")).StatusCode);

        using var functionsKey = new HttpRequestMessage(HttpMethod.Get, "/api/mappings");
        functionsKey.Headers.Add("x-functions-key", "k3y");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(functionsKey)).StatusCode);

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/mappings");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "k3y");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(bearer)).StatusCode);
    }

    [Fact]
    public async Task Health_probes_need_no_key()
    {
        using var node = new NodeFactory(IPAddress.Parse("203.0.113.9"), apiKey: "k3y", NodeFactory.OwnEmulator());
        using var client = node.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
