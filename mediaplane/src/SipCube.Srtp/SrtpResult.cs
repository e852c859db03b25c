namespace SipCube.Srtp;

/// <summary>Outcome of unprotecting one SRTP or SRTCP packet; peer errors are values, never exceptions.</summary>
/// <remarks>RFC 3711 §3.3 and §3.4</remarks>
public enum SrtpResult
{
    /// <summary>The packet authenticated and was decrypted in place.</summary>
    Ok,

    /// <summary>The packet is shorter than the header plus the authentication tag.</summary>
    TooShort,

    /// <summary>The header is not a valid RTP/RTCP header (version, CSRC count, extension length).</summary>
    Malformed,

    /// <summary>The authentication tag did not verify.</summary>
    AuthenticationFailed,

    /// <summary>The packet index was already seen or is older than the replay window (RFC 3711 §3.3.2).</summary>
    ReplayDetected,
}
