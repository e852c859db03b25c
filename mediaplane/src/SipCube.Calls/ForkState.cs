namespace SipCube.Calls;

/// <summary>Where one outbound INVITE of a parallel fork is (RFC 3261 §16.7 response context, simplified).</summary>
internal enum ForkState
{
    /// <summary>INVITE sent, no provisional response.</summary>
    Trying = 1,

    /// <summary>180/183 received.</summary>
    Ringing,

    /// <summary>This fork answered first and carries the call.</summary>
    Winner,

    /// <summary>Final: rejected, cancelled or hung up; never signalled again.</summary>
    Done,
}
