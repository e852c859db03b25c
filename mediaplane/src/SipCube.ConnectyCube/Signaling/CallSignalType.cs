namespace SipCube.ConnectyCube.Signaling;

/// <summary>The <c>signalType</c> values of ConnectyCube P2P call signalling.</summary>
/// <remarks>connectycube-protocol.md §3.2.</remarks>
public enum CallSignalType
{
    /// <summary><c>call</c>: the offer, re-sent every 5 s until answered.</summary>
    Call,

    /// <summary><c>accept</c>: the answer.</summary>
    Accept,

    /// <summary><c>reject</c>: the callee declines.</summary>
    Reject,

    /// <summary><c>hangUp</c>: either side ends the call.</summary>
    HangUp,

    /// <summary><c>iceCandidates</c>: a batch of trickled candidates.</summary>
    IceCandidates,

    /// <summary><c>iceRestart</c>: a new offer after an ICE restart.</summary>
    IceRestart,

    /// <summary><c>iceRestartAccept</c>: the answer to an ICE restart.</summary>
    IceRestartAccept,
}
