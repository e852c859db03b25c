using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace SipCube.MediaNode.Tests.Hosting;

public sealed class NodeEndpointsTests
{
    [Fact]
    public async Task Metrics_are_prometheus_text_with_control_plane_counters()
    {
        using var node = new NodeFactory();
        using var client = node.CreateClient();
        await client.PostAsync("/api/mappings", new StringContent("""{"sipUri":"sip:a@x"}""", Encoding.UTF8, "application/json"));

        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE sipcube_controlplane_requests", text, StringComparison.Ordinal);
        Assert.Contains("route=\"MappingsCreate\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_data_directory_follows_xdg_and_is_never_the_checkout()
    {
        var configuration = new ConfigurationBuilder().Build();

        var path = global::SipCube.MediaNode.Hosting.DataDirectory.Resolve(configuration);

        Assert.EndsWith("sipcube", path, StringComparison.Ordinal);
        Assert.False(path.StartsWith(SipCube.Testing.RepositoryPaths.Root, StringComparison.Ordinal));
    }
}
