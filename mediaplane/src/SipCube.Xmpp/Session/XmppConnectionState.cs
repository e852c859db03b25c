namespace SipCube.Xmpp.Session;

/// <summary>Where one <see cref="XmppClient"/> stands, for the <c>sipcube.xmpp.connections</c> gauge.</summary>
/// <remarks>RFC 6120 §3 (connect, §7 bind); reconnect per RFC 6120 §3.3 with back-off.</remarks>
public enum XmppConnectionState
{
    /// <summary>Not started, or disposed: not counted.</summary>
    None = 0,

    /// <summary>First connection attempt(s), never bound yet.</summary>
    Connecting = 1,

    /// <summary>A session is bound.</summary>
    Connected = 2,

    /// <summary>A bound session was lost: waiting out the back-off or trying again.</summary>
    Reconnecting = 3,
}
