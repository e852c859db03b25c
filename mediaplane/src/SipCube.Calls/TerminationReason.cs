namespace SipCube.Calls;

/// <summary>Why a call ended. Each value is one row of <see cref="TerminationTable"/>.</summary>
public enum TerminationReason
{
    /// <summary>Answered, then one side hung up (BYE / hangUp).</summary>
    NormalClearing = 1,

    /// <summary>The callee is busy (486 / reject busy).</summary>
    Busy,

    /// <summary>The callee declined (603 / reject).</summary>
    Declined,

    /// <summary>The caller gave up before an answer (CANCEL / hangUp).</summary>
    Cancelled,

    /// <summary>Nobody answered in time.</summary>
    NoAnswer,

    /// <summary>The callee exists but cannot be reached now (app offline, phone not registered).</summary>
    Unavailable,

    /// <summary>The dialled user does not exist.</summary>
    NotFound,

    /// <summary>The destination is not allowed (phone -> phone, foreign domain, caller without an app identity).</summary>
    Forbidden,

    /// <summary>The two sides share no codec.</summary>
    IncompatibleMedia,

    /// <summary>No media (RTP or ICE consent) for too long.</summary>
    MediaTimeout,

    /// <summary>ConnectyCube, XMPP or the phone's transport failed.</summary>
    UpstreamFailure,

    /// <summary>Our own bug.</summary>
    InternalError,

    /// <summary>The node is shutting down.</summary>
    NodeShutdown,
}
