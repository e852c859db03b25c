namespace SipCube.Stun;

/// <summary>Fixed numbers of the STUN wire format.</summary>
/// <remarks>RFC 8489 §5, §14.5, §14.7</remarks>
public static class StunConstants
{
    /// <summary>The magic cookie 0x2112A442.</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>Header size in bytes.</summary>
    public const int HeaderSize = 20;

    /// <summary>Transaction ID size in bytes.</summary>
    public const int TransactionIdSize = 12;

    /// <summary>Value XORed into the CRC-32 of FINGERPRINT ("STUN").</summary>
    public const uint FingerprintXor = 0x5354554E;

    /// <summary>Size of a MESSAGE-INTEGRITY attribute including its 4-byte header.</summary>
    public const int MessageIntegrityAttributeSize = 24;

    /// <summary>Size of a MESSAGE-INTEGRITY-SHA256 attribute (full 32-byte HMAC) including its header.</summary>
    public const int MessageIntegritySha256AttributeSize = 36;

    /// <summary>Size of a FINGERPRINT attribute including its header.</summary>
    public const int FingerprintAttributeSize = 8;
}
