using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SipCube.ControlPlane.Http;

namespace SipCube.ControlPlane.Functions.Tests;

/// <summary>The function classes called in-process as the worker calls them: an ASP.NET Core request in, an IActionResult out.</summary>
public sealed class FunctionClassTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sipcube-fn-").FullName;
    private readonly ServiceProvider _services;

    public FunctionClassTests()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddControlPlaneCore(RandomNumberGenerator.GetBytes(32));
        services.AddControlPlaneSqlite(_directory);
        services.AddSingleton<IApiAccessPolicy, FunctionsHostAccessPolicy>();
        _services = services.BuildServiceProvider();
    }

    private T Create<T>() => ActivatorUtilities.CreateInstance<T>(_services);

    private static HttpRequest Request(string method, string? body = null, string? query = null, string? ifMatch = null)
    {
        var context = new DefaultHttpContext { RequestServices = null! };
        context.Request.Method = method;
        context.Response.Body = new MemoryStream();
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            context.Request.ContentType = "application/json";
        }

        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }

        if (ifMatch is not null)
        {
            context.Request.Headers.IfMatch = ifMatch;
        }

        return context.Request;
    }

    private static async Task<(int Status, HttpResponse Response, JsonElement? Body)> ExecuteAsync(HttpRequest request, IActionResult result)
    {
        await result.ExecuteResultAsync(new ActionContext(request.HttpContext, new RouteData(), new ActionDescriptor()));
        var response = request.HttpContext.Response;
        response.Body.Position = 0;
        var text = await new StreamReader(response.Body).ReadToEndAsync();
        return (response.StatusCode, response, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement);
    }

    [Fact]
    public async Task Mapping_functions_create_get_update_list_and_delete()
    {
        var post = Request("POST", """{"sipUri":"sip:1001@Example.com","connectyCubeUserId":5,"sipPassword":"pw"}""");
        var created = await ExecuteAsync(post, await Create<MappingsCreateFunction>().RunAsync(post));
        Assert.Equal(201, created.Status);
        var etag = created.Response.Headers.ETag.ToString();

        var get = Request("GET");
        var read = await ExecuteAsync(get, await Create<MappingsGetFunction>().RunAsync(get, "sip:1001@example.com"));
        Assert.Equal(200, read.Status);
        Assert.Equal("phone", read.Body!.Value.GetProperty("role").GetString());

        var put = Request("PUT", """{"connectyCubeUserId":5,"displayName":"Desk"}""", ifMatch: etag);
        Assert.Equal(200, (await ExecuteAsync(put, await Create<MappingsUpdateFunction>().RunAsync(put, "sip:1001@example.com"))).Status);
        var stale = Request("PUT", """{"displayName":"x"}""", ifMatch: etag);
        Assert.Equal(412, (await ExecuteAsync(stale, await Create<MappingsUpdateFunction>().RunAsync(stale, "sip:1001@example.com"))).Status);

        var list = Request("GET", query: "?connectyCubeUserId=5");
        var listed = await ExecuteAsync(list, await Create<MappingsListFunction>().RunAsync(list));
        Assert.Equal("Desk", listed.Body!.Value.GetProperty("items")[0].GetProperty("displayName").GetString());

        var delete = Request("DELETE");
        Assert.Equal(204, (await ExecuteAsync(delete, await Create<MappingsDeleteFunction>().RunAsync(delete, "sip:1001@example.com"))).Status);
    }

    [Fact]
    public async Task Bad_input_gives_problem_json_from_the_function_too()
    {
        var post = Request("POST", """{"sipUri":"sip:@x"}""");
        var result = await ExecuteAsync(post, await Create<MappingsCreateFunction>().RunAsync(post));

        Assert.Equal(400, result.Status);
        Assert.Equal("application/problem+json", result.Response.ContentType);
    }

    [Fact]
    public async Task Cdr_and_openapi_functions_answer()
    {
        var cdrs = Request("GET", query: "?connectyCubeUserId=1");
        Assert.Equal(200, (await ExecuteAsync(cdrs, await Create<CdrsListFunction>().RunAsync(cdrs))).Status);
        var openApi = Request("GET");
        Assert.Equal(200, (await ExecuteAsync(openApi, await Create<OpenApiFunction>().RunAsync(openApi))).Status);
    }

    public void Dispose()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
