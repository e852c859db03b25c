namespace SipCube.ConnectyCube.Signaling;

/// <summary>Why a message was not taken as a call signal.</summary>
/// <remarks>connectycube-protocol.md §3.1, §3.3.</remarks>
public enum CallSignalError
{
    /// <summary>Not a call signal at all (another module or a chat message).</summary>
    NotASignal,

    /// <summary>Offline or delayed delivery (<c>&lt;delay&gt;</c>): the SDK ignores these.</summary>
    Delayed,

    /// <summary>No server-stamped <c>from</c> with a user id: the SDK drops these.</summary>
    MissingFrom,

    /// <summary>An unknown <c>signalType</c>.</summary>
    UnknownType,

    /// <summary>No usable <c>sessionID</c>.</summary>
    MissingSessionId,

    /// <summary>A <c>call</c> without <c>callerID</c> or <c>opponentsIDs</c>.</summary>
    MissingCallFields,
}
