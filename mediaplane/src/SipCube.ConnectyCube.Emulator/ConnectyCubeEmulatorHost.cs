using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SipCube.ConnectyCube.Emulator.Chat;
using SipCube.ConnectyCube.Emulator.Directory;
using SipCube.ConnectyCube.Emulator.Rest;

namespace SipCube.ConnectyCube.Emulator;

/// <summary>
/// A running emulator: its own Kestrel on <see cref="EmulatorOptions.Url"/> serving the REST subset at the root and
/// XMPP over WebSocket at <c>/ws</c>. Used standalone, by tests, and by the single box when no ConnectyCube
/// credentials are configured.
/// </summary>
/// <remarks>connectycube-protocol.md §7; ARCHITECTURE.md "Fixed interfaces".</remarks>
public sealed class ConnectyCubeEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ChatRouter _router;
    private readonly EmulatorDirectory _directory;

    private ConnectyCubeEmulatorHost(WebApplication app, ChatRouter router, EmulatorDirectory directory, Uri apiUri)
    {
        _app = app;
        _router = router;
        _directory = directory;
        ApiUri = apiUri;
        ChatUri = new UriBuilder(apiUri) { Scheme = apiUri.Scheme == "https" ? "wss" : "ws", Path = "/ws" }.Uri;
    }

    /// <summary>Base URL of the REST API, e.g. <c>http://127.0.0.1:7080</c>.</summary>
    public Uri ApiUri { get; }

    /// <summary>The chat WebSocket URL, e.g. <c>ws://127.0.0.1:7080/ws</c>.</summary>
    public Uri ChatUri { get; }

    /// <summary>Starts an emulator; with port 0 in the URL the bound port shows in <see cref="ApiUri"/>.</summary>
    public static async Task<ConnectyCubeEmulatorHost> StartAsync(
        EmulatorOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(options.Url);
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        }

        var app = builder.Build();
        var directory = new EmulatorDirectory(options, timeProvider ?? TimeProvider.System);
        var router = new ChatRouter();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SipCube.ConnectyCube.Emulator");
        app.Use(CorsMiddleware.InvokeAsync);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Map("/ws", (HttpContext ctx) => ChatEndpoint.HandleAsync(ctx, directory, router, options, logger));
        RestEndpoints.Map(app, directory, options, router);
        app.MapGet("/", () => Results.Text("SipCube ConnectyCube emulator: REST here, XMPP over WebSocket at /ws\n"));

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new ConnectyCubeEmulatorHost(app, router, directory, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        EmulatorLog.Listening(logger, host.ApiUri, host.ChatUri);
        return host;
    }

    /// <summary>True while <paramref name="userId"/> of <paramref name="applicationId"/> has a bound chat connection.</summary>
    public bool IsChatOnline(int userId, int applicationId) => _router.IsOnline($"{userId}-{applicationId}");

    /// <summary>Drops the user's chat sockets without a close handshake; returns how many were dropped.</summary>
    public int DisconnectChat(int userId, int applicationId) => _router.Disconnect($"{userId}-{applicationId}");

    /// <summary>The id of an existing user by login, or null (test convenience).</summary>
    public int? FindUserId(int applicationId, string login) =>
        _directory.ListUsers(applicationId).FirstOrDefault(u => u.Login == login)?.Id;

    /// <summary>Waits until the process is asked to stop (standalone use).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
