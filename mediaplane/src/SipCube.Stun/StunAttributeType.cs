namespace SipCube.Stun;

/// <summary>STUN attribute type codes used by this stack (IANA "STUN Attributes" registry).</summary>
/// <remarks>RFC 8489 §18.3, RFC 8445 §16.1</remarks>
public static class StunAttributeType
{
    /// <summary>MAPPED-ADDRESS.</summary>
    public const ushort MappedAddress = 0x0001;

    /// <summary>USERNAME.</summary>
    public const ushort Username = 0x0006;

    /// <summary>MESSAGE-INTEGRITY (HMAC-SHA1).</summary>
    public const ushort MessageIntegrity = 0x0008;

    /// <summary>ERROR-CODE.</summary>
    public const ushort ErrorCode = 0x0009;

    /// <summary>UNKNOWN-ATTRIBUTES.</summary>
    public const ushort UnknownAttributes = 0x000A;

    /// <summary>REALM.</summary>
    public const ushort Realm = 0x0014;

    /// <summary>NONCE.</summary>
    public const ushort Nonce = 0x0015;

    /// <summary>MESSAGE-INTEGRITY-SHA256.</summary>
    public const ushort MessageIntegritySha256 = 0x001C;

    /// <summary>USERHASH.</summary>
    public const ushort UserHash = 0x001E;

    /// <summary>XOR-MAPPED-ADDRESS.</summary>
    public const ushort XorMappedAddress = 0x0020;

    /// <summary>PRIORITY (ICE).</summary>
    public const ushort Priority = 0x0024;

    /// <summary>USE-CANDIDATE (ICE).</summary>
    public const ushort UseCandidate = 0x0025;

    /// <summary>SOFTWARE.</summary>
    public const ushort Software = 0x8022;

    /// <summary>FINGERPRINT.</summary>
    public const ushort Fingerprint = 0x8028;

    /// <summary>ICE-CONTROLLED.</summary>
    public const ushort IceControlled = 0x8029;

    /// <summary>ICE-CONTROLLING.</summary>
    public const ushort IceControlling = 0x802A;

    /// <summary>True for comprehension-required types (0x0000-0x7FFF), RFC 8489 §14.</summary>
    public static bool IsComprehensionRequired(ushort type) => type < 0x8000;
}
