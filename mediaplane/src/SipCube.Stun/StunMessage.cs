using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;

namespace SipCube.Stun;

/// <summary>
/// A zero-copy view over one received STUN message: the header plus the attributes the ICE path needs,
/// located in a single pass. Nothing is allocated; the view lives as long as the datagram buffer.
/// </summary>
/// <remarks>
/// RFC 8489 §5 (header), §14 (attributes), §14.5-§14.7 (integrity and fingerprint).
/// <code>
///  0                   1                   2                   3
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0|     STUN Message Type     |         Message Length        |
/// |                         Magic Cookie                          |
/// |                     Transaction ID (96 bits)                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Type                  |            Length             |   attributes, each padded
/// |                         Value (variable)                ....      to a multiple of 4 bytes
/// </code>
/// </remarks>
public readonly ref struct StunMessage
{
    /// <summary>Largest message accepted (fits any path MTU we use).</summary>
    public const int MaxSize = 2048;

    /// <summary>Most attributes accepted in one message.</summary>
    public const int MaxAttributes = 64;

    private readonly ReadOnlySpan<byte> data;
    private readonly short usernameOffset;
    private readonly short usernameLength;
    private readonly short integrityOffset;
    private readonly short integritySha256Offset;
    private readonly short integritySha256Length;
    private readonly short fingerprintOffset;
    private readonly short xorMappedOffset;
    private readonly short xorMappedLength;

    private StunMessage(ReadOnlySpan<byte> data, scoped in Fields f)
    {
        this.data = data;
        Type = f.Type;
        usernameOffset = f.UsernameOffset;
        usernameLength = f.UsernameLength;
        integrityOffset = f.IntegrityOffset;
        integritySha256Offset = f.IntegritySha256Offset;
        integritySha256Length = f.IntegritySha256Length;
        fingerprintOffset = f.FingerprintOffset;
        xorMappedOffset = f.XorMappedOffset;
        xorMappedLength = f.XorMappedLength;
        Priority = f.Priority;
        UseCandidate = f.UseCandidate;
        IceControlling = f.IceControlling;
        IceControlled = f.IceControlled;
        ErrorCode = f.ErrorCode;
        UnknownRequiredAttribute = f.UnknownRequired;
    }

    /// <summary>The message type.</summary>
    public StunMessageType Type { get; }

    /// <summary>The whole message (header and attributes).</summary>
    public ReadOnlySpan<byte> Buffer => data;

    /// <summary>The 96-bit transaction ID.</summary>
    public ReadOnlySpan<byte> TransactionId => data.Slice(8, StunConstants.TransactionIdSize);

    /// <summary>The USERNAME value, or empty when absent.</summary>
    public ReadOnlySpan<byte> Username => usernameOffset < 0 ? default : data.Slice(usernameOffset, usernameLength);

    /// <summary>True when USERNAME is present.</summary>
    public bool HasUsername => usernameOffset >= 0;

    /// <summary>True when MESSAGE-INTEGRITY is present.</summary>
    public bool HasMessageIntegrity => integrityOffset >= 0;

    /// <summary>True when MESSAGE-INTEGRITY-SHA256 is present.</summary>
    public bool HasMessageIntegritySha256 => integritySha256Offset >= 0;

    /// <summary>True when FINGERPRINT is present.</summary>
    public bool HasFingerprint => fingerprintOffset >= 0;

    /// <summary>PRIORITY, when present.</summary>
    public uint? Priority { get; }

    /// <summary>True when USE-CANDIDATE is present.</summary>
    public bool UseCandidate { get; }

    /// <summary>The ICE-CONTROLLING tie-breaker, when present.</summary>
    public ulong? IceControlling { get; }

    /// <summary>The ICE-CONTROLLED tie-breaker, when present.</summary>
    public ulong? IceControlled { get; }

    /// <summary>The ERROR-CODE number (300-699), when present.</summary>
    public int? ErrorCode { get; }

    /// <summary>The first comprehension-required attribute type this parser does not know, or 0.</summary>
    public ushort UnknownRequiredAttribute { get; }

    /// <summary>Quick check used by the demultiplexer: header shape and magic cookie.</summary>
    public static bool IsStun(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= StunConstants.HeaderSize && (datagram[0] & 0xC0) == 0
        && BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) == StunConstants.MagicCookie;

    /// <summary>Parses a datagram that holds exactly one message.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out StunMessage message, out StunParseError error)
        => TryParse(datagram, out message, out _, out error);

    /// <summary>Parses one message from the start of <paramref name="input"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> input, out StunMessage message, out int consumed, out StunParseError error)
    {
        message = default;
        consumed = 0;
        error = StunAttributeScanner.Scan(input, out var fields, out var size);
        if (error != StunParseError.None)
        {
            return false;
        }

        consumed = size;
        message = new StunMessage(input[..size], fields);
        return true;
    }

    /// <summary>Finds the first attribute of <paramref name="type"/>.</summary>
    public bool TryGetAttribute(ushort type, out ReadOnlySpan<byte> value)
    {
        var offset = StunConstants.HeaderSize;
        while (offset + 4 <= data.Length)
        {
            var t = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
            var len = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            if (t == type)
            {
                value = data.Slice(offset + 4, len);
                return true;
            }

            offset += 4 + ((len + 3) & ~3);
        }

        value = default;
        return false;
    }

    /// <summary>Decodes XOR-MAPPED-ADDRESS, when present and valid.</summary>
    public bool TryGetXorMappedAddress(out IPEndPoint? endPoint)
    {
        endPoint = null;
        return xorMappedOffset >= 0
            && XorMappedAddress.TryRead(data.Slice(xorMappedOffset, xorMappedLength), TransactionId, out endPoint);
    }

    /// <summary>Checks FINGERPRINT; false when absent or wrong.</summary>
    public bool VerifyFingerprint()
    {
        if (fingerprintOffset < 0)
        {
            return false;
        }

        var expected = BinaryPrimitives.ReadUInt32BigEndian(data[(fingerprintOffset + 4)..]);
        return (StunCrc32.Compute(data[..fingerprintOffset]) ^ StunConstants.FingerprintXor) == expected;
    }

    /// <summary>Checks MESSAGE-INTEGRITY (HMAC-SHA1) with <paramref name="key"/>; false when absent or wrong.</summary>
    /// <remarks>RFC 8489 §14.5: the HMAC covers the message up to the attribute, with the header length
    /// adjusted to end just after MESSAGE-INTEGRITY.</remarks>
    public bool VerifyMessageIntegrity(ReadOnlySpan<byte> key)
    {
        if (integrityOffset < 0)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[20];
        ComputeHmac(data, integrityOffset, StunConstants.MessageIntegrityAttributeSize, key, mac, sha256: false);
        return CryptographicOperations.FixedTimeEquals(mac, data.Slice(integrityOffset + 4, 20));
    }

    /// <summary>Checks MESSAGE-INTEGRITY (HMAC-SHA1) with a reusable precomputed <paramref name="key"/>; false when absent or wrong.</summary>
    /// <remarks>RFC 8489 §14.5, as <see cref="VerifyMessageIntegrity(ReadOnlySpan{byte})"/>.</remarks>
    public bool VerifyMessageIntegrity(StunIntegrityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (integrityOffset < 0)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[20];
        ComputeHmac(data, integrityOffset, key, mac);
        return CryptographicOperations.FixedTimeEquals(mac, data.Slice(integrityOffset + 4, 20));
    }

    /// <summary>Checks MESSAGE-INTEGRITY-SHA256 (possibly truncated to 16..32 bytes); false when absent or wrong.</summary>
    public bool VerifyMessageIntegritySha256(ReadOnlySpan<byte> key)
    {
        if (integritySha256Offset < 0)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[32];
        ComputeHmac(data, integritySha256Offset, 4 + integritySha256Length, key, mac, sha256: true);
        return CryptographicOperations.FixedTimeEquals(mac[..integritySha256Length], data.Slice(integritySha256Offset + 4, integritySha256Length));
    }

    internal static void ComputeHmac(ReadOnlySpan<byte> message, int attributeOffset, int attributeSize, ReadOnlySpan<byte> key, Span<byte> mac, bool sha256)
    {
        Span<byte> prefix = stackalloc byte[attributeOffset];
        message[..attributeOffset].CopyTo(prefix);
        BinaryPrimitives.WriteUInt16BigEndian(prefix[2..], (ushort)(attributeOffset + attributeSize - StunConstants.HeaderSize));
        if (sha256)
        {
            HMACSHA256.HashData(key, prefix, mac);
        }
        else
        {
            HMACSHA1.HashData(key, prefix, mac);
        }
    }

    /// <summary>HMAC-SHA1 for MESSAGE-INTEGRITY at <paramref name="attributeOffset"/> with a precomputed key.</summary>
    internal static void ComputeHmac(ReadOnlySpan<byte> message, int attributeOffset, StunIntegrityKey key, Span<byte> mac)
    {
        Span<byte> prefix = stackalloc byte[attributeOffset];
        message[..attributeOffset].CopyTo(prefix);
        BinaryPrimitives.WriteUInt16BigEndian(prefix[2..], (ushort)(attributeOffset + StunConstants.MessageIntegrityAttributeSize - StunConstants.HeaderSize));
        key.Compute(prefix, mac);
    }

    internal struct Fields
    {
        public StunMessageType Type;
        public short UsernameOffset;
        public short UsernameLength;
        public short IntegrityOffset;
        public short IntegritySha256Offset;
        public short IntegritySha256Length;
        public short FingerprintOffset;
        public short XorMappedOffset;
        public short XorMappedLength;
        public uint? Priority;
        public bool UseCandidate;
        public ulong? IceControlling;
        public ulong? IceControlled;
        public int? ErrorCode;
        public ushort UnknownRequired;
    }
}
