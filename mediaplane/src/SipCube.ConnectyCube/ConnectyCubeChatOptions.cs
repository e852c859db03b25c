namespace SipCube.ConnectyCube;

/// <summary>Where and how a bridge identity connects to ConnectyCube chat.</summary>
/// <remarks>connectycube-protocol.md §2.1-§2.3.</remarks>
public sealed class ConnectyCubeChatOptions
{
    /// <summary>The XMPP WebSocket URL (<c>wss://chat.connectycube.com:5291</c>; emulator <c>ws://127.0.0.1:7080/ws</c>).</summary>
    public Uri ChatUrl { get; set; } = new("wss://chat.connectycube.com:5291");

    /// <summary>The chat domain in JIDs; keep it equal to the WebSocket host (§2.2 caution).</summary>
    public string ChatDomain { get; set; } = "chat.connectycube.com";

    /// <summary>Log in to chat with the session token instead of the password (CIdP, Firebase, social users).</summary>
    public bool UseTokenAsPassword { get; set; }

    /// <summary>Signalling timers and platform.</summary>
    public TimeSpan DialingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>When an unanswered call is given up.</summary>
    public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The process's meters; identities started with these options report their chat connection there.</summary>
    public ConnectyCubeChatMetrics? Metrics { get; set; }
}
