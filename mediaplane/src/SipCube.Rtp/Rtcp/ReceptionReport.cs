using System.Buffers.Binary;

namespace SipCube.Rtp.Rtcp;

/// <summary>One 24-byte report block of an SR or RR.</summary>
/// <remarks>RFC 3550 §6.4.1. <see cref="CumulativeLost"/> is a signed 24-bit value (duplicates can make it negative).</remarks>
public readonly record struct ReceptionReport(
    uint Ssrc, byte FractionLost, int CumulativeLost, uint ExtendedHighestSequence, uint Jitter, uint LastSenderReport, uint DelaySinceLastSenderReport)
{
    /// <summary>Block size.</summary>
    public const int Size = 24;

    /// <summary>Parses one block.</summary>
    public static RtcpParseResult TryParse(ReadOnlySpan<byte> data, out ReceptionReport report, out int consumed)
    {
        report = default;
        consumed = 0;
        if (data.Length < Size)
        {
            return RtcpParseResult.TooShort;
        }

        uint word = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        int lost = (int)(word & 0x00FF_FFFF);
        if ((lost & 0x0080_0000) != 0)
        {
            lost -= 0x0100_0000;
        }

        report = new ReceptionReport(
            BinaryPrimitives.ReadUInt32BigEndian(data),
            (byte)(word >> 24),
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
        consumed = Size;
        return RtcpParseResult.Ok;
    }

    /// <summary>Block size.</summary>
    public int GetSize() => Size;

    /// <summary>Serializes the block; the cumulative loss is clamped to the 24-bit signed range (§6.4.1).</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Size)
        {
            return false;
        }

        int lost = Math.Clamp(CumulativeLost, -0x80_0000, 0x7F_FFFF);
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ((uint)FractionLost << 24) | ((uint)lost & 0x00FF_FFFF));
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], DelaySinceLastSenderReport);
        written = Size;
        return true;
    }
}
