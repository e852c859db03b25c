using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace SipCube.Stun;

/// <summary>
/// Builds one STUN message in place in a caller-owned buffer; no allocations. Add MESSAGE-INTEGRITY and then
/// FINGERPRINT last, in that order. Running out of buffer is a programming error and throws.
/// </summary>
/// <remarks>RFC 8489 §5, §14; attribute values are zero-padded to 4 bytes (§14).</remarks>
public ref struct StunMessageWriter
{
    private readonly Span<byte> buffer;
    private int length;

    /// <summary>Starts a message of <paramref name="type"/> with <paramref name="transactionId"/> (12 bytes).</summary>
    public StunMessageWriter(Span<byte> buffer, StunMessageType type, ReadOnlySpan<byte> transactionId)
    {
        if (buffer.Length < StunConstants.HeaderSize || transactionId.Length != StunConstants.TransactionIdSize)
        {
            throw new ArgumentException("buffer too small or bad transaction id");
        }

        this.buffer = buffer;
        BinaryPrimitives.WriteUInt16BigEndian(buffer, type.ToUInt16());
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], StunConstants.MagicCookie);
        transactionId.CopyTo(buffer[8..]);
        length = StunConstants.HeaderSize;
    }

    /// <summary>Bytes written so far (the whole message once finished).</summary>
    public readonly int Length => length;

    /// <summary>The message written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => buffer[..length];

    /// <summary>Adds an attribute with a raw value.</summary>
    public void AddAttribute(ushort type, ReadOnlySpan<byte> value)
    {
        var span = Reserve(type, value.Length);
        value.CopyTo(span);
    }

    /// <summary>Adds a zero-length attribute such as USE-CANDIDATE.</summary>
    public void AddFlag(ushort type) => Reserve(type, 0);

    /// <summary>Adds a 32-bit attribute such as PRIORITY.</summary>
    public void AddUInt32(ushort type, uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(type, 4), value);

    /// <summary>Adds a 64-bit attribute such as ICE-CONTROLLING.</summary>
    public void AddUInt64(ushort type, ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Reserve(type, 8), value);

    /// <summary>Adds a UTF-8 text attribute (USERNAME, SOFTWARE, REALM, NONCE).</summary>
    public void AddText(ushort type, ReadOnlySpan<char> text)
    {
        var size = Encoding.UTF8.GetByteCount(text);
        Encoding.UTF8.GetBytes(text, Reserve(type, size));
    }

    /// <summary>Adds XOR-MAPPED-ADDRESS for <paramref name="address"/>:<paramref name="port"/>.</summary>
    public void AddXorMappedAddress(IPAddress address, int port)
    {
        var span = Reserve(StunAttributeType.XorMappedAddress, XorMappedAddress.GetSize(address));
        XorMappedAddress.Write(span, address, port, buffer.Slice(8, StunConstants.TransactionIdSize));
    }

    /// <summary>Adds ERROR-CODE (RFC 8489 §14.8).</summary>
    public void AddErrorCode(int code, ReadOnlySpan<char> reason)
    {
        var size = 4 + Encoding.UTF8.GetByteCount(reason);
        var span = Reserve(StunAttributeType.ErrorCode, size);
        span[0] = 0;
        span[1] = 0;
        span[2] = (byte)(code / 100);
        span[3] = (byte)(code % 100);
        Encoding.UTF8.GetBytes(reason, span[4..]);
    }

    /// <summary>Adds MESSAGE-INTEGRITY (HMAC-SHA1 keyed with <paramref name="key"/>).</summary>
    public void AddMessageIntegrity(ReadOnlySpan<byte> key)
    {
        var offset = length;
        var mac = Reserve(StunAttributeType.MessageIntegrity, 20);
        StunMessage.ComputeHmac(buffer, offset, StunConstants.MessageIntegrityAttributeSize, key, mac, sha256: false);
    }

    /// <summary>Adds MESSAGE-INTEGRITY with a reusable precomputed <paramref name="key"/>.</summary>
    public void AddMessageIntegrity(StunIntegrityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var offset = length;
        var mac = Reserve(StunAttributeType.MessageIntegrity, 20);
        StunMessage.ComputeHmac(buffer, offset, key, mac);
    }

    /// <summary>Adds MESSAGE-INTEGRITY-SHA256 (the full 32-byte HMAC).</summary>
    public void AddMessageIntegritySha256(ReadOnlySpan<byte> key)
    {
        var offset = length;
        var mac = Reserve(StunAttributeType.MessageIntegritySha256, 32);
        StunMessage.ComputeHmac(buffer, offset, StunConstants.MessageIntegritySha256AttributeSize, key, mac, sha256: true);
    }

    /// <summary>Adds FINGERPRINT; must be the last attribute.</summary>
    public void AddFingerprint()
    {
        var offset = length;
        var value = Reserve(StunAttributeType.Fingerprint, 4);
        BinaryPrimitives.WriteUInt32BigEndian(value, StunCrc32.Compute(buffer[..offset]) ^ StunConstants.FingerprintXor);
    }

    private Span<byte> Reserve(ushort type, int valueLength)
    {
        var padded = (valueLength + 3) & ~3;
        if (length + 4 + padded > buffer.Length || length + 4 + padded > StunMessage.MaxSize)
        {
            throw new InvalidOperationException("STUN buffer too small");
        }

        BinaryPrimitives.WriteUInt16BigEndian(buffer[length..], type);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[(length + 2)..], (ushort)valueLength);
        var value = buffer.Slice(length + 4, valueLength);
        buffer.Slice(length + 4 + valueLength, padded - valueLength).Clear();
        length += 4 + padded;

        // The header length always covers what is written, so integrity and fingerprint see the final value.
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)(length - StunConstants.HeaderSize));
        return value;
    }
}
