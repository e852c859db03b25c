using System.Net;

namespace SipCube.Sip.Transport;

/// <summary>
/// Where a message came from and how to answer it: the transport, both ends and, for connection
/// transports, the connection it arrived on.
/// </summary>
/// <remarks>
/// RFC 3261 §18.2.2 (responses go back on the connection the request came in on) and RFC 5626 §3
/// (a flow is the 5-tuple a UA keeps open, used to reach it behind NAT).
/// </remarks>
public sealed record SipFlow(string Transport, IPEndPoint Local, IPEndPoint Remote, long ConnectionId = 0)
{
    /// <summary>True for TCP, TLS and WebSocket flows (no retransmissions needed).</summary>
    public bool IsReliable => Transport is not "UDP";

    /// <inheritdoc/>
    public override string ToString() => $"{Transport} {Local}<->{Remote}" + (ConnectionId == 0 ? string.Empty : $" #{ConnectionId}");
}
