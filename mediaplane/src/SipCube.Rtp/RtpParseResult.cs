namespace SipCube.Rtp;

/// <summary>Why an RTP packet or RFC 4733 payload did not parse (the library's one error list for RTP).</summary>
/// <remarks>RFC 3550 §5.1, RFC 8285 §4, RFC 4733 §2.3</remarks>
public enum RtpParseResult
{
    /// <summary>Parsed.</summary>
    Ok,

    /// <summary>Shorter than the fixed 12-byte header (or the 4-byte event payload).</summary>
    TooShort,

    /// <summary>Version is not 2.</summary>
    BadVersion,

    /// <summary>The CSRC list runs past the end.</summary>
    CsrcOverrun,

    /// <summary>The header extension runs past the end.</summary>
    ExtensionOverrun,

    /// <summary>The padding count is zero or larger than the payload.</summary>
    BadPadding,
}
