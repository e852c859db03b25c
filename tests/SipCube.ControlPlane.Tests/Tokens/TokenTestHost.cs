using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SipCube.ConnectyCube.Rest;
using SipCube.ControlPlane.Http;

namespace SipCube.ControlPlane.Tests.Tokens;

/// <summary>
/// The control plane on a temporary SQLite database with a ConnectyCube REST client of the test's choosing (or none),
/// requests built in memory and dispatched exactly as both hosts do.
/// </summary>
internal sealed class TokenTestHost : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly HttpClient? _http;

    public TokenTestHost(ConnectyCubeRestOptions? rest, HttpMessageHandler? handler = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddControlPlaneCore(RandomNumberGenerator.GetBytes(32));
        services.AddControlPlaneSqlite(_directory.Path);
        services.AddSingleton<IApiAccessPolicy, FunctionsHostAccessPolicy>();
        if (rest is not null)
        {
            _http = handler is null ? new HttpClient() : new HttpClient(handler);
            var http = _http;
            services.AddSingleton(sp => new ConnectyCubeRestClient(http, rest, TimeProvider.System, sp.GetRequiredService<ILogger<ConnectyCubeRestClient>>()));
        }

        Services = services.BuildServiceProvider();
    }

    public ServiceProvider Services { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public async Task CreateMappingAsync(string json)
    {
        var result = await SendAsync(ControlPlaneRoutes.MappingsCreate, json);
        Assert.True(result.StatusCode == 201, result.Text());
    }

    public Task<ApiResult> MintAsync(string json) => SendAsync(ControlPlaneRoutes.TokensCreate, json);

    public async Task<ApiResult> SendAsync(ControlPlaneRoute route, string body, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = route.Method;
        request.Path = "/api/" + route.Template;
        request.Body = new MemoryStream(bytes);
        request.ContentLength = bytes.Length;
        request.ContentType = contentType;
        return await Services.GetRequiredService<ControlPlaneDispatcher>().InvokeAsync(route, request);
    }

    public void Dispose()
    {
        Services.Dispose();
        _http?.Dispose();
        _directory.Dispose();
    }
}
