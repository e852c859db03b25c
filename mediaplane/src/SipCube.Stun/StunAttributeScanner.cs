using System.Buffers.Binary;

namespace SipCube.Stun;

/// <summary>The single pass over a message's attributes that fills <see cref="StunMessage"/>.</summary>
/// <remarks>RFC 8489 §14: attributes after MESSAGE-INTEGRITY other than MESSAGE-INTEGRITY-SHA256 and FINGERPRINT
/// are ignored by receivers; we reject them outright, and anything after FINGERPRINT, as malformed.</remarks>
internal static class StunAttributeScanner
{
    public static StunParseError Scan(ReadOnlySpan<byte> input, out StunMessage.Fields f, out int size)
    {
        f = default;
        f.UsernameOffset = f.IntegrityOffset = f.IntegritySha256Offset = f.FingerprintOffset = f.XorMappedOffset = -1;
        size = 0;
        if (input.Length < StunConstants.HeaderSize)
        {
            return StunParseError.Truncated;
        }

        var rawType = BinaryPrimitives.ReadUInt16BigEndian(input);
        if ((rawType & 0xC000) != 0)
        {
            return StunParseError.NotStun;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(input[4..]) != StunConstants.MagicCookie)
        {
            return StunParseError.BadMagicCookie;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(input[2..]);
        if ((length & 3) != 0)
        {
            return StunParseError.BadLength;
        }

        size = StunConstants.HeaderSize + length;
        if (size > StunMessage.MaxSize)
        {
            return StunParseError.TooLarge;
        }

        if (input.Length < size)
        {
            return StunParseError.Truncated;
        }

        f.Type = StunMessageType.FromUInt16(rawType);
        return ScanAttributes(input[..size], ref f);
    }

    private static StunParseError ScanAttributes(ReadOnlySpan<byte> msg, ref StunMessage.Fields f)
    {
        var offset = StunConstants.HeaderSize;
        var count = 0;
        while (offset < msg.Length)
        {
            if (offset + 4 > msg.Length)
            {
                return StunParseError.AttributeOverrun;
            }

            if (++count > StunMessage.MaxAttributes)
            {
                return StunParseError.TooManyAttributes;
            }

            if (f.FingerprintOffset >= 0)
            {
                return StunParseError.AttributeAfterIntegrity;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(msg[offset..]);
            int len = BinaryPrimitives.ReadUInt16BigEndian(msg[(offset + 2)..]);
            var padded = (len + 3) & ~3;
            if (offset + 4 + padded > msg.Length)
            {
                return StunParseError.AttributeOverrun;
            }

            var error = Accept(type, msg.Slice(offset + 4, len), offset, ref f);
            if (error != StunParseError.None)
            {
                return error;
            }

            offset += 4 + padded;
        }

        return StunParseError.None;
    }

    private static StunParseError Accept(ushort type, ReadOnlySpan<byte> value, int offset, ref StunMessage.Fields f)
    {
        var afterIntegrity = f.IntegrityOffset >= 0 || f.IntegritySha256Offset >= 0;
        if (afterIntegrity && type != StunAttributeType.Fingerprint && type != StunAttributeType.MessageIntegritySha256)
        {
            return StunParseError.AttributeAfterIntegrity;
        }

        switch (type)
        {
            case StunAttributeType.Username:
                f.UsernameOffset = (short)(offset + 4);
                f.UsernameLength = (short)value.Length;
                return value.Length <= 513 ? StunParseError.None : StunParseError.BadAttributeLength;
            case StunAttributeType.MessageIntegrity:
                f.IntegrityOffset = (short)offset;
                return value.Length == 20 ? StunParseError.None : StunParseError.BadAttributeLength;
            case StunAttributeType.MessageIntegritySha256:
                f.IntegritySha256Offset = (short)offset;
                f.IntegritySha256Length = (short)value.Length;
                return value.Length is >= 16 and <= 32 && (value.Length & 3) == 0 ? StunParseError.None : StunParseError.BadAttributeLength;
            case StunAttributeType.Fingerprint:
                f.FingerprintOffset = (short)offset;
                return value.Length == 4 ? StunParseError.None : StunParseError.BadAttributeLength;
            case StunAttributeType.XorMappedAddress:
                f.XorMappedOffset = (short)(offset + 4);
                f.XorMappedLength = (short)value.Length;
                return value.Length is 8 or 20 ? StunParseError.None : StunParseError.BadAttributeLength;
            case StunAttributeType.Priority:
                if (value.Length != 4)
                {
                    return StunParseError.BadAttributeLength;
                }

                f.Priority = BinaryPrimitives.ReadUInt32BigEndian(value);
                return StunParseError.None;
            case StunAttributeType.UseCandidate:
                f.UseCandidate = true;
                return value.Length == 0 ? StunParseError.None : StunParseError.BadAttributeLength;
            case StunAttributeType.IceControlling or StunAttributeType.IceControlled:
                return AcceptTieBreaker(type, value, ref f);
            case StunAttributeType.ErrorCode:
                if (value.Length < 4)
                {
                    return StunParseError.BadAttributeLength;
                }

                f.ErrorCode = ((value[2] & 0x7) * 100) + value[3];
                return StunParseError.None;
            default:
                if (StunAttributeType.IsComprehensionRequired(type) && f.UnknownRequired == 0 && !IsKnownPassive(type))
                {
                    f.UnknownRequired = type;
                }

                return StunParseError.None;
        }
    }

    private static StunParseError AcceptTieBreaker(ushort type, ReadOnlySpan<byte> value, ref StunMessage.Fields f)
    {
        if (value.Length != 8)
        {
            return StunParseError.BadAttributeLength;
        }

        var tieBreaker = BinaryPrimitives.ReadUInt64BigEndian(value);
        if (type == StunAttributeType.IceControlling)
        {
            f.IceControlling = tieBreaker;
        }
        else
        {
            f.IceControlled = tieBreaker;
        }

        return StunParseError.None;
    }

    private static bool IsKnownPassive(ushort type) => type is StunAttributeType.MappedAddress
        or StunAttributeType.UnknownAttributes or StunAttributeType.Realm or StunAttributeType.Nonce
        or StunAttributeType.UserHash;
}
