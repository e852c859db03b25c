namespace SipCube.Stun;

/// <summary>Why a datagram is not a well-formed STUN message.</summary>
/// <remarks>RFC 8489 §5, §14</remarks>
public enum StunParseError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>Shorter than the 20-byte header, or than the length in the header.</summary>
    Truncated,

    /// <summary>The two most significant bits are not zero.</summary>
    NotStun,

    /// <summary>The magic cookie is not 0x2112A442.</summary>
    BadMagicCookie,

    /// <summary>The message length is not a multiple of 4.</summary>
    BadLength,

    /// <summary>An attribute runs past the end of the message.</summary>
    AttributeOverrun,

    /// <summary>A known attribute has the wrong length.</summary>
    BadAttributeLength,

    /// <summary>More attributes than <see cref="StunMessage.MaxAttributes"/>.</summary>
    TooManyAttributes,

    /// <summary>An attribute other than FINGERPRINT follows MESSAGE-INTEGRITY, or one follows FINGERPRINT.</summary>
    AttributeAfterIntegrity,

    /// <summary>The message is larger than <see cref="StunMessage.MaxSize"/>.</summary>
    TooLarge,
}
