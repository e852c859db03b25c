namespace SipCube.Xmpp.Session;

/// <summary>Settings of one XMPP-over-WebSocket client connection.</summary>
/// <remarks>RFC 7395.</remarks>
public sealed class XmppClientOptions
{
    /// <summary>The WebSocket URL, e.g. <c>wss://chat.connectycube.com:5291</c> or <c>ws://127.0.0.1:7080/ws</c>.</summary>
    public Uri ServiceUri { get; set; } = new("ws://127.0.0.1:7080/ws");

    /// <summary>Largest stanza accepted; an SDP with many candidates is 6-10 KB, so 64 KiB leaves room.</summary>
    public int MaxStanzaBytes { get; set; } = 64 * 1024;

    /// <summary>How long each handshake step or IQ may take.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay; it doubles per failed attempt up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan InitialReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Upper bound of the reconnect backoff.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Interval of client-initiated XEP-0199 pings that detect a dead socket; zero disables them.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Resource to request in bind; null lets the server choose, as the ConnectyCube web SDK does.</summary>
    public string? Resource { get; set; }

    /// <summary>Most IQ requests awaiting a reply at once; further requests fail fast instead of growing memory.</summary>
    public int MaxPendingRequests { get; set; } = 32;
}
