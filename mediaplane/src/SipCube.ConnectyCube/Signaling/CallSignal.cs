namespace SipCube.ConnectyCube.Signaling;

/// <summary>
/// One call signal with every field of the dialect. <see cref="SenderId"/> comes from the server-stamped
/// <c>from</c> of a received signal (0 on signals we send).
/// </summary>
/// <remarks>connectycube-protocol.md §3.1-§3.4.</remarks>
public sealed record CallSignal
{
    /// <summary>The signal type.</summary>
    public required CallSignalType Type { get; init; }

    /// <summary>The call id, the same on every signal of one call.</summary>
    public required string SessionId { get; init; }

    /// <summary>Audio or video.</summary>
    public CallType CallType { get; init; } = CallType.Audio;

    /// <summary>The initiator's user id.</summary>
    public int CallerId { get; init; }

    /// <summary>Every callee (never the caller).</summary>
    public IReadOnlyList<int> OpponentIds { get; init; } = [];

    /// <summary>The SDP of call, accept, iceRestart and iceRestartAccept, with CRLF line ends.</summary>
    public string? Sdp { get; init; }

    /// <summary>The sender's platform (<c>web</c>, <c>ios</c>, ...).</summary>
    public string? Platform { get; init; }

    /// <summary>Free-form user info; values are always strings on the wire. Nested keys are joined with '.'.</summary>
    public IReadOnlyDictionary<string, string> UserInfo { get; init; } = new Dictionary<string, string>();

    /// <summary>The candidates of an iceCandidates signal.</summary>
    public IReadOnlyList<IceCandidate> IceCandidates { get; init; } = [];

    /// <summary>The sender's user id from the stamped <c>from</c> (received signals only).</summary>
    public int SenderId { get; init; }

    /// <summary>The XMPP message id (received signals only); used for duplicate suppression.</summary>
    public string? MessageId { get; init; }
}
