namespace SipCube.Calls;

/// <summary>Who is to blame for how a call ended (the same classes as livekit's termination stats).</summary>
public enum TerminationResult
{
    /// <summary>The system worked: the call completed, or a person declined, cancelled or did not answer.</summary>
    Success = 1,

    /// <summary>The caller asked for something we refuse (unknown user, forbidden destination, no shared codec).</summary>
    ClientError = 2,

    /// <summary>Our own bug.</summary>
    ServerError = 3,

    /// <summary>A service we depend on failed (ConnectyCube, XMPP, the phone's transport).</summary>
    UpstreamError = 4,

    /// <summary>Nobody can tell (e.g. media stopped flowing).</summary>
    Indeterminate = 5,
}
