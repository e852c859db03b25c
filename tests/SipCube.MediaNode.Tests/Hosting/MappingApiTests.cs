using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SipCube.MediaNode.Tests.Hosting;

/// <summary>The "must show" flows through the single box's real HTTP pipeline.</summary>
public sealed class MappingApiTests : IDisposable
{
    private readonly NodeFactory _node = new();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, body.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Create_read_list_update_with_etag_and_delete()
    {
        using var client = _node.CreateClient();

        var created = await client.PostAsync("/api/mappings", Json("""{"sipUri":"sip:Alice@Example.COM","connectyCubeUserId":42,"sipPassword":"pw","displayName":"Alice"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        var etag = created.Headers.ETag!;

        var read = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(etag, read.Headers.ETag);
        Assert.Equal("sip:Alice@example.com", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sipUri").GetString());

        var list = await client.GetFromJsonAsync<JsonElement>("/api/mappings?connectyCubeUserId=42");
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());

        using var update = new HttpRequestMessage(HttpMethod.Put, location) { Content = Json("""{"displayName":"Alice B"}""") };
        update.Headers.IfMatch.Add(etag);
        var updated = await client.SendAsync(update);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Put, location) { Content = Json("""{"displayName":"lost"}""") };
        stale.Headers.IfMatch.Add(etag);
        await AssertProblemAsync(await client.SendAsync(stale), HttpStatusCode.PreconditionFailed);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(location)).StatusCode);
        await AssertProblemAsync(await client.GetAsync(location), HttpStatusCode.NotFound);
        Assert.True(File.Exists(Path.Combine(_node.DataDirectory, "sipcube.db")));
    }

    [Theory]
    [InlineData("""{"sipUri":"sip:""")]
    [InlineData("""{"sipUri":"sip:"}""")]
    [InlineData("""{"sipUri":"sip:@x"}""")]
    [InlineData("""{"sipUri":"http://x"}""")]
    [InlineData("""{"sipUri":"sip:a@x","connectyCubeUserId":"not a number"}""")]
    [InlineData("""{"sipUri":"sip:a@x","surprise":true}""")]
    public async Task Bad_input_is_a_400_problem(string body)
    {
        using var client = _node.CreateClient();
        await AssertProblemAsync(await client.PostAsync("/api/mappings", Json(body)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Ten_kilobyte_uri_in_the_path_or_body_is_a_400_problem()
    {
        using var client = _node.CreateClient();
        var uri = "sip:" + new string('a', 10 * 1024) + "@x";

        await AssertProblemAsync(await client.PostAsync("/api/mappings", Json($$"""{"sipUri":"{{uri}}"}""")), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.GetAsync("/api/mappings/" + Uri.EscapeDataString(uri)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Duplicate_sip_uri_is_409_and_oversized_body_is_413()
    {
        using var client = _node.CreateClient();
        await client.PostAsync("/api/mappings", Json("""{"sipUri":"sip:1001@example.com"}"""));

        await AssertProblemAsync(await client.PostAsync("/api/mappings", Json("""{"sipUri":"sip:1001@EXAMPLE.com"}""")), HttpStatusCode.Conflict);
        var big = new ByteArrayContent(new byte[65 * 1024]);
        big.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await AssertProblemAsync(await client.PostAsync("/api/mappings", big), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Cdr_query_answers_with_a_page_and_rejects_bad_times()
    {
        using var client = _node.CreateClient();

        var page = await client.GetFromJsonAsync<JsonElement>("/api/cdrs?sipUri=sip%3A1001%40example.com");
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        await AssertProblemAsync(await client.GetAsync("/api/cdrs?from=yesterday"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OpenApi_document_is_served()
    {
        using var client = _node.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/api/openapi.json");
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    public void Dispose() => _node.Dispose();
}
