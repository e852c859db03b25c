using SipCube.Sip;
using SipCube.Sip.Registrar;

namespace SipCube.MediaNode.Sip;

/// <summary>Starts the SIP transports with the host and stops them on shutdown; runs the qualify timer.</summary>
internal sealed class SipEndpointHostedService(SipEndpoint endpoint, ILocationService location, SipOptions options, ILoggerFactory loggers) : IHostedService
{
    private ContactQualifier? _qualifier;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await endpoint.StartAsync(cancellationToken);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            // A busy SIP port must not take the HTTP side (health, API) down with it; the log says why SIP is dark.
            SipHostingLog.BindFailed(loggers.CreateLogger<SipEndpointHostedService>(), ex.SocketErrorCode.ToString(), ex);
            return;
        }
        if (options.QualifyIntervalSeconds > 0)
        {
            _qualifier = new ContactQualifier(endpoint, location, TimeSpan.FromSeconds(options.QualifyIntervalSeconds), loggers.CreateLogger<ContactQualifier>());
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _qualifier?.Dispose();
        await endpoint.DisposeAsync();
    }
}
