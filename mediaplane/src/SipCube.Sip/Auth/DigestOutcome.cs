namespace SipCube.Sip.Auth;

/// <summary>Result of checking a request's digest credentials.</summary>
/// <remarks>RFC 3261 §22.4; RFC 7616 §3.3 (stale).</remarks>
public enum DigestOutcome
{
    /// <summary>No credentials for our realm: challenge.</summary>
    Missing,

    /// <summary>Valid.</summary>
    Authenticated,

    /// <summary>Correct digest on an expired nonce: challenge with stale=true.</summary>
    Stale,

    /// <summary>Wrong user, wrong password, forged or replayed nonce: challenge again (indistinguishable to the client).</summary>
    Rejected,
}
