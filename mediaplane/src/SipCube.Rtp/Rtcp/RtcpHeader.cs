using System.Buffers.Binary;

namespace SipCube.Rtp.Rtcp;

/// <summary>
/// The common 4-byte RTCP header.
/// <code>
/// |V=2|P|  count  |      PT       |             length            |
/// </code>
/// Count is RC/SC/FMT by packet type; length is in 32-bit words minus one.
/// </summary>
/// <remarks>RFC 3550 §6.4.1, RFC 4585 §6.1</remarks>
public readonly record struct RtcpHeader(bool Padding, byte Count, byte PacketType, ushort LengthInWords)
{
    /// <summary>Header size.</summary>
    public const int Size = 4;

    /// <summary>Whole packet size in bytes, from the length field.</summary>
    public int PacketLength => (LengthInWords + 1) * 4;

    /// <summary>Parses a header and checks the stated length fits <paramref name="data"/>.</summary>
    public static RtcpParseResult TryParse(ReadOnlySpan<byte> data, out RtcpHeader header, out int consumed)
    {
        header = default;
        consumed = 0;
        if (data.Length < Size)
        {
            return RtcpParseResult.TooShort;
        }

        if (data[0] >> 6 != 2)
        {
            return RtcpParseResult.BadVersion;
        }

        header = new RtcpHeader((data[0] & 0x20) != 0, (byte)(data[0] & 0x1F), data[1], BinaryPrimitives.ReadUInt16BigEndian(data[2..]));
        if (header.PacketLength > data.Length)
        {
            return RtcpParseResult.TooShort;
        }

        consumed = Size;
        return RtcpParseResult.Ok;
    }

    /// <summary>Writes a header for a packet of <paramref name="packetLength"/> bytes (a multiple of 4).</summary>
    public static void Write(Span<byte> destination, byte count, RtcpPacketType type, int packetLength)
    {
        destination[0] = (byte)(0x80 | (count & 0x1F));
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((packetLength / 4) - 1));
    }
}
