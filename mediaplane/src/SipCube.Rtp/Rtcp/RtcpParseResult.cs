namespace SipCube.Rtp.Rtcp;

/// <summary>Why an RTCP packet did not parse (the library's one error list for RTCP).</summary>
/// <remarks>RFC 3550 §6.4.1 and §6.1 (compound validity), RFC 4585 §6.1</remarks>
public enum RtcpParseResult
{
    /// <summary>Parsed.</summary>
    Ok,

    /// <summary>Shorter than a header, or than the length the header states.</summary>
    TooShort,

    /// <summary>Version is not 2.</summary>
    BadVersion,

    /// <summary>The report/chunk/item count does not fit the stated length.</summary>
    BadCount,

    /// <summary>The padding bit is set on a packet that is not last, or the count is invalid.</summary>
    BadPadding,

    /// <summary>A field has a value the RFC forbids (e.g. an unterminated SDES chunk).</summary>
    Malformed,
}
