namespace SipCube.Stun.IceLite;

/// <summary>What the ICE-lite agent did with a received STUN datagram.</summary>
/// <remarks>RFC 8445 §7.3</remarks>
public enum IceCheckOutcome
{
    /// <summary>A valid check: a success response was written.</summary>
    Answered,

    /// <summary>A valid check carrying USE-CANDIDATE: answered and the pair is (re)nominated.</summary>
    Nominated,

    /// <summary>Role conflict: a 487 error response was written (RFC 8445 §7.3.1.1).</summary>
    RoleConflict,

    /// <summary>Bad USERNAME or MESSAGE-INTEGRITY: a 401 error response was written.</summary>
    Unauthorized,

    /// <summary>A request missing required attributes: a 400 error response was written.</summary>
    BadRequest,

    /// <summary>Not a well-formed binding request for us (bad fingerprint, not a request...): dropped silently.</summary>
    Dropped,
}
