using System.Net;

namespace SipCube.Sip.Transport;

/// <summary>One listening transport (UDP, TCP, TLS...).</summary>
/// <remarks>RFC 3261 §18.</remarks>
public interface ISipTransport : IAsyncDisposable
{
    /// <summary>"UDP", "TCP", "TLS".</summary>
    string Name { get; }

    /// <summary>The bound local end point (after <see cref="StartAsync"/>).</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds and starts receiving; messages go to <paramref name="sink"/>.</summary>
    Task StartAsync(ISipTransportSink sink, CancellationToken cancellationToken);

    /// <summary>Sends bytes on a flow; false when the flow is gone (closed connection, socket error).</summary>
    ValueTask<bool> SendAsync(SipFlow flow, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}
