using FsCheck;
using FsCheck.Fluent;
using SipCube.ControlPlane.Http;

namespace SipCube.ControlPlane.Tests.Http;

/// <summary>The mapping API through the shared dispatcher, with in-memory requests (both hosts run exactly this).</summary>
public sealed class MappingHandlersTests : IDisposable
{
    private readonly ControlPlaneHarness _harness = new();

    [Fact]
    public async Task Create_returns_201_location_etag_and_never_a_secret()
    {
        var result = await _harness.SendAsync(ControlPlaneRoutes.MappingsCreate,
            """{"sipUri":"sip:Alice@Example.COM","connectyCubeUserId":42,"sipPassword":"hunter2","connectyCube":{"login":"alice","password":"cc-secret"}}""");

        Assert.Equal(201, result.StatusCode);
        Assert.Equal("/api/mappings/sip%3AAlice%40example.com", result.Header("Location"));
        Assert.Matches("^\"[0-9a-f]{32}\"$", result.Header("ETag"));
        var body = result.Text();
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("cc-secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain("alice\"", body, StringComparison.Ordinal);
        Assert.Equal("phone", result.Json().GetProperty("role").GetString());
        Assert.Equal(result.Header("ETag"), result.Json().GetProperty("etag").GetString());
    }

    [Fact]
    public async Task Put_with_the_current_etag_succeeds_and_a_stale_one_gets_412()
    {
        var created = await _harness.SendAsync(ControlPlaneRoutes.MappingsCreate, """{"sipUri":"sip:1001@example.com","displayName":"a"}""");
        var etag = created.Header("ETag")!;

        var first = await _harness.SendAsync(ControlPlaneRoutes.MappingsUpdate, """{"displayName":"b"}""", "sip:1001@example.com", headers: new Dictionary<string, string> { ["If-Match"] = etag });
        var stale = await _harness.SendAsync(ControlPlaneRoutes.MappingsUpdate, """{"displayName":"c"}""", "sip:1001@example.com", headers: new Dictionary<string, string> { ["If-Match"] = etag });

        Assert.Equal(200, first.StatusCode);
        Assert.NotEqual(etag, first.Header("ETag"));
        stale.AssertProblem(412);
        var get = await _harness.SendAsync(ControlPlaneRoutes.MappingsGet, routeValue: "sip:1001@EXAMPLE.com");
        Assert.Equal("b", get.Json().GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Put_without_password_keeps_the_stored_hashes()
    {
        await _harness.SendAsync(ControlPlaneRoutes.MappingsCreate, """{"sipUri":"sip:1001@example.com","sipPassword":"pw"}""");

        var put = await _harness.SendAsync(ControlPlaneRoutes.MappingsUpdate, """{"displayName":"x"}""", "sip:1001@example.com");

        Assert.Equal("phone", put.Json().GetProperty("role").GetString());
    }

    [Fact]
    public async Task Put_cannot_rename_the_sip_uri()
    {
        await _harness.SendAsync(ControlPlaneRoutes.MappingsCreate, """{"sipUri":"sip:1001@example.com"}""");

        var put = await _harness.SendAsync(ControlPlaneRoutes.MappingsUpdate, """{"sipUri":"sip:1002@example.com"}""", "sip:1001@example.com");

        put.AssertProblem(400);
        Assert.True(put.Json().GetProperty("errors").TryGetProperty("sipUri", out _));
    }

    [Theory]
    [InlineData("""{"sipUri":"sip:"}""", "sipUri")]
    [InlineData("""{"sipUri":"sip:@x"}""", "sipUri")]
    [InlineData("""{"sipUri":"http://x"}""", "sipUri")]
    [InlineData("""{}""", "sipUri")]
    [InlineData("""{"sipUri":"sip:a@x","connectyCubeUserId":-1}""", "connectyCubeUserId")]
    [InlineData("""{"sipUri":"sip:a@x","connectyCubeUserId":"12"}""", "$.connectyCubeUserId")]
    [InlineData("""{"sipUri":"sip:a@x","connectyCubeUserId":1.5}""", "$.connectyCubeUserId")]
    [InlineData("""{"sipUri":["sip:a@x"]}""", "$.sipUri")]
    [InlineData("""{"sipUri":"sip:a@x","unknown":1}""", "$.unknown")]
    [InlineData("""{"sipUri":"sip:a@x","connectyCube":{"login":"l"}}""", "connectyCube.password")]
    [InlineData("""{"sipUri":"sip:a@x","connectyCube":{"login":"l","password":"p","x":1}}""", "$.connectyCube.x")]
    [InlineData("""{"sipUri":"sip:a@x","sipPassword":""}""", "sipPassword")]
    [InlineData("""{"sipUri":"sip:a@x","displayName":"a\u0000b"}""", "displayName")]
    [InlineData("""{"sipUri":"sip:a@x",""", "$")]
    [InlineData("""[1,2]""", "$")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string body, string field)
    {
        var result = await _harness.SendAsync(ControlPlaneRoutes.MappingsCreate, body);

        result.AssertProblem(400);
        var errors = result.Json().GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), result.Text());
    }

    [Fact]
    public async Task Null_body_and_empty_body_are_400()
    {
        (await _harness.SendAsync(ControlPlaneRoutes.MappingsCreate, "null")).AssertProblem(400);
        (await _harness.SendAsync(ControlPlaneRoutes.MappingsCreate, "")).AssertProblem(400);
    }

    [Fact]
    public async Task Ten_kilobyte_sip_uri_is_a_400_and_is_not_echoed_whole()
    {
        var uri = "sip:" + new string('a', 10 * 1024) + "@x";
        var result = await _harness.SendAsync(ControlPlaneRoutes.MappingsCreate, $$"""{"sipUri":"{{uri}}"}""");

        result.AssertProblem(400);
        Assert.True(result.Body.Length < 1024);
    }

    [Fact]
    public async Task Body_over_64_kb_is_413()
    {
        var body = $$"""{"sipUri":"sip:a@x","displayName":"{{new string('a', 70 * 1024)}}"}""";

        (await _harness.SendAsync(ControlPlaneRoutes.MappingsCreate, body)).AssertProblem(413);
    }

    [Fact]
    public async Task Duplicate_sip_uri_and_duplicate_connectycube_id_are_409()
    {
        await _harness.SendAsync(ControlPlaneRoutes.MappingsCreate, """{"sipUri":"sip:a@x","connectyCubeUserId":1}""");

        (await _harness.SendAsync(ControlPlaneRoutes.MappingsCreate, """{"sipUri":"sip:a@X"}""")).AssertProblem(409);
        (await _harness.SendAsync(ControlPlaneRoutes.MappingsCreate, """{"sipUri":"sip:b@x","connectyCubeUserId":1}""")).AssertProblem(409);
    }

    [Fact]
    public async Task Unknown_and_invalid_route_values_are_404_and_400()
    {
        (await _harness.SendAsync(ControlPlaneRoutes.MappingsGet, routeValue: "sip:nobody@x")).AssertProblem(404);
        (await _harness.SendAsync(ControlPlaneRoutes.MappingsGet, routeValue: "nonsense")).AssertProblem(400);
        (await _harness.SendAsync(ControlPlaneRoutes.MappingsDelete, routeValue: "sip:nobody@x")).AssertProblem(404);
        (await _harness.SendAsync(ControlPlaneRoutes.MappingsUpdate, "{}", "sip:nobody@x")).AssertProblem(404);
    }

    [Fact]
    public async Task List_filters_and_pages()
    {
        for (var i = 0; i < 5; i++)
        {
            await _harness.SendAsync(ControlPlaneRoutes.MappingsCreate, $$"""{"sipUri":"sip:u{{i}}@x","connectyCubeUserId":{{100 + i}}}""");
        }

        var first = await _harness.SendAsync(ControlPlaneRoutes.MappingsList, query: "?pageSize=2");
        var token = first.Json().GetProperty("continuationToken").GetString();
        var second = await _harness.SendAsync(ControlPlaneRoutes.MappingsList, query: "?pageSize=2&continuationToken=" + Uri.EscapeDataString(token!));
        var byCc = await _harness.SendAsync(ControlPlaneRoutes.MappingsList, query: "?connectyCubeUserId=103");
        var bySip = await _harness.SendAsync(ControlPlaneRoutes.MappingsList, query: "?sipUri=" + Uri.EscapeDataString("sip:u1@X"));

        Assert.Equal(["sip:u0@x", "sip:u1@x"], first.Json().GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sipUri").GetString()));
        Assert.Equal(["sip:u2@x", "sip:u3@x"], second.Json().GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sipUri").GetString()));
        Assert.Equal("sip:u3@x", byCc.Json().GetProperty("items")[0].GetProperty("sipUri").GetString());
        Assert.Equal(101, bySip.Json().GetProperty("items")[0].GetProperty("connectyCubeUserId").GetInt64());
        (await _harness.SendAsync(ControlPlaneRoutes.MappingsList, query: "?pageSize=0")).AssertProblem(400);
        (await _harness.SendAsync(ControlPlaneRoutes.MappingsList, query: "?continuationToken=%21%21")).AssertProblem(400);
        (await _harness.SendAsync(ControlPlaneRoutes.MappingsList, query: "?connectyCubeUserId=abc")).AssertProblem(400);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "text/plain";
        context.Request.Body = new MemoryStream("{}"u8.ToArray());

        (await _harness.Get<ControlPlaneDispatcher>().InvokeAsync(ControlPlaneRoutes.MappingsCreate, context.Request)).AssertProblem(415);
    }

    [Fact]
    public void Random_bytes_as_a_body_never_give_a_server_error()
    {
        Prop.ForAll<byte[]>(bytes =>
        {
            var result = _harness.SendBytesAsync(ControlPlaneRoutes.MappingsCreate, bytes ?? []).GetAwaiter().GetResult();
            return result.StatusCode is 201 or 400 or 409 or 413;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Random_json_objects_never_give_a_server_error()
    {
        var values = Gen.Elements("null", "1", "-5", "1e400", "\"sip:a@x\"", "\"\"", "true", "[]", "{}", "\"sip:%zz@x\"", "9223372036854775808");
        var names = Gen.Elements("sipUri", "connectyCubeUserId", "displayName", "sipPassword", "connectyCube", "x");
        var members = Gen.ListOf(Gen.Zip(names, values)).Select(list => "{" + string.Join(",", list.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}");
        Prop.ForAll(members.ToArbitrary(), json =>
        {
            var result = _harness.SendAsync(ControlPlaneRoutes.MappingsCreate, json).GetAwaiter().GetResult();
            return result.StatusCode is 201 or 400 or 409;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public async Task OpenApi_document_lists_every_route()
    {
        var result = await _harness.SendAsync(ControlPlaneRoutes.OpenApi);
        var paths = result.Json().GetProperty("paths");

        foreach (var route in ControlPlaneRoutes.All)
        {
            var operation = paths.GetProperty("/api/" + route.Template).GetProperty(route.Method.ToLowerInvariant());
            Assert.Equal(route.Name, operation.GetProperty("operationId").GetString());
        }
    }

    public void Dispose() => _harness.Dispose();
}
