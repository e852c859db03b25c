using SipCube.ConnectyCube.Emulator;

namespace SipCube.MediaNode.ConnectyCube;

/// <summary>Runs the ConnectyCube emulator for the single box while the host runs.</summary>
/// <remarks>ARCHITECTURE.md "Fixed interfaces" (REST http://127.0.0.1:7080, XMPP ws://127.0.0.1:7080/ws).</remarks>
internal sealed partial class ConnectyCubeEmulatorService(EmulatorOptions options, ILoggerFactory loggerFactory, TimeProvider time) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ConnectyCubeEmulatorService>();
    private ConnectyCubeEmulatorHost? _host;

    /// <summary>The running emulator, once started.</summary>
    public ConnectyCubeEmulatorHost? Host => _host;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _host = await ConnectyCubeEmulatorHost.StartAsync(options, loggerFactory, time, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Another emulator (or a second node on this box) already holds the port: the node can use that one,
            // so a busy port must not stop SIP and the control API from starting.
            EmulatorPortBusy(_logger, options.Url, ex);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "ConnectyCube emulator could not listen on {Url}; using whatever serves it")]
    private static partial void EmulatorPortBusy(ILogger logger, string url, Exception exception);
}
