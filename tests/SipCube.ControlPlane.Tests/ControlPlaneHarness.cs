using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SipCube.ControlPlane.Http;
using SipCube.Testing;

namespace SipCube.ControlPlane.Tests;

/// <summary>The control plane's services on a temporary SQLite database, with requests built in memory.</summary>
internal sealed class ControlPlaneHarness : IDisposable
{
    private readonly TempDirectory _directory = new();

    public ControlPlaneHarness()
    {
        Clock = TestClock.Create();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddControlPlaneCore(RandomNumberGenerator.GetBytes(32));
        services.AddControlPlaneSqlite(_directory.Path);
        services.AddSingleton<IApiAccessPolicy, FunctionsHostAccessPolicy>();
        Services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; }

    public ServiceProvider Services { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public Task<ApiResult> SendAsync(ControlPlaneRoute route, string? body = null, string? routeValue = null, string? query = null,
        IReadOnlyDictionary<string, string>? headers = null) =>
        SendBytesAsync(route, body is null ? null : Encoding.UTF8.GetBytes(body), routeValue, query, headers);

    public async Task<ApiResult> SendBytesAsync(ControlPlaneRoute route, byte[]? body, string? routeValue = null, string? query = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = route.Method;
        request.Path = "/api/" + route.Template;
        if (query is not null)
        {
            request.QueryString = new QueryString(query);
        }

        if (body is not null)
        {
            request.Body = new MemoryStream(body);
            request.ContentLength = body.Length;
            request.ContentType = "application/json";
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers[name] = value;
        }

        return await Get<ControlPlaneDispatcher>().InvokeAsync(route, request, routeValue);
    }

    public void Dispose()
    {
        Services.Dispose();
        _directory.Dispose();
    }
}
