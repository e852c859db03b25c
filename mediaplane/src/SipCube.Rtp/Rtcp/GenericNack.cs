using System.Buffers.Binary;

namespace SipCube.Rtp.Rtcp;

/// <summary>Transport-layer feedback FMT 1: lost sequence numbers as (PID, BLP) pairs.</summary>
/// <remarks>RFC 4585 §6.2.1</remarks>
public sealed class GenericNack : RtcpPacket
{
    /// <summary>FMT value.</summary>
    public const byte Format = 1;

    /// <summary>Packet sender SSRC.</summary>
    public uint SenderSsrc { get; init; }

    /// <summary>Media source SSRC.</summary>
    public uint MediaSsrc { get; init; }

    /// <summary>Lost sequence numbers, in the order they are packed.</summary>
    public IReadOnlyList<ushort> LostSequenceNumbers { get; init; } = [];

    /// <inheritdoc/>
    public override RtcpPacketType PacketType => RtcpPacketType.TransportFeedback;

    /// <summary>Parses one generic NACK (header included).</summary>
    public static RtcpParseResult TryParse(ReadOnlySpan<byte> data, out GenericNack? nack, out int consumed)
    {
        nack = null;
        consumed = 0;
        RtcpParseResult result = RtcpHeader.TryParse(data, out RtcpHeader header, out _);
        if (result != RtcpParseResult.Ok)
        {
            return result;
        }

        ReadOnlySpan<byte> body = data[RtcpHeader.Size..header.PacketLength];
        if (body.Length < 12 || header.PacketType != (byte)RtcpPacketType.TransportFeedback || header.Count != Format)
        {
            return RtcpParseResult.Malformed;
        }

        var lost = new List<ushort>();
        for (int offset = 8; offset + 4 <= body.Length; offset += 4)
        {
            ushort pid = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
            ushort blp = BinaryPrimitives.ReadUInt16BigEndian(body[(offset + 2)..]);
            lost.Add(pid);
            for (int bit = 0; bit < 16; bit++)
            {
                if ((blp & (1 << bit)) != 0)
                {
                    lost.Add((ushort)(pid + bit + 1));
                }
            }
        }

        nack = new GenericNack
        {
            SenderSsrc = BinaryPrimitives.ReadUInt32BigEndian(body),
            MediaSsrc = BinaryPrimitives.ReadUInt32BigEndian(body[4..]),
            LostSequenceNumbers = lost,
        };
        consumed = header.PacketLength;
        return RtcpParseResult.Ok;
    }

    /// <inheritdoc/>
    public override int GetSize() => RtcpHeader.Size + 8 + (4 * CountPairs());

    /// <inheritdoc/>
    public override bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        int size = GetSize();
        if (destination.Length < size)
        {
            return false;
        }

        RtcpHeader.Write(destination, Format, PacketType, size);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], SenderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], MediaSsrc);
        int offset = 12;
        int i = 0;
        while (i < LostSequenceNumbers.Count)
        {
            ushort pid = LostSequenceNumbers[i++];
            ushort blp = 0;
            while (i < LostSequenceNumbers.Count && (ushort)(LostSequenceNumbers[i] - pid - 1) < 16)
            {
                blp |= (ushort)(1 << (ushort)(LostSequenceNumbers[i] - pid - 1));
                i++;
            }

            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], pid);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], blp);
            offset += 4;
        }

        written = size;
        return true;
    }

    private int CountPairs()
    {
        int pairs = 0;
        int i = 0;
        while (i < LostSequenceNumbers.Count)
        {
            ushort pid = LostSequenceNumbers[i++];
            while (i < LostSequenceNumbers.Count && (ushort)(LostSequenceNumbers[i] - pid - 1) < 16)
            {
                i++;
            }

            pairs++;
        }

        return pairs;
    }
}
