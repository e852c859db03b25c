using System.Buffers.Binary;

namespace SipCube.Rtp.Rtcp;

/// <summary>Payload-specific feedback FMT 4: full intra request, one (SSRC, command sequence number) entry per target.</summary>
/// <remarks>RFC 5104 §4.3.1 (the media source field is 0; targets are in the FCI)</remarks>
public sealed class FullIntraRequest : RtcpPacket
{
    /// <summary>FMT value.</summary>
    public const byte Format = 4;

    /// <summary>Packet sender SSRC.</summary>
    public uint SenderSsrc { get; init; }

    /// <summary>Targets and their command sequence numbers.</summary>
    public IReadOnlyList<(uint Ssrc, byte SequenceNumber)> Entries { get; init; } = [];

    /// <inheritdoc/>
    public override RtcpPacketType PacketType => RtcpPacketType.PayloadFeedback;

    /// <summary>Parses one FIR (header included).</summary>
    public static RtcpParseResult TryParse(ReadOnlySpan<byte> data, out FullIntraRequest? fir, out int consumed)
    {
        fir = null;
        consumed = 0;
        RtcpParseResult result = RtcpHeader.TryParse(data, out RtcpHeader header, out _);
        if (result != RtcpParseResult.Ok)
        {
            return result;
        }

        ReadOnlySpan<byte> body = data[RtcpHeader.Size..header.PacketLength];
        if (body.Length < 8 || header.PacketType != (byte)RtcpPacketType.PayloadFeedback || header.Count != Format)
        {
            return RtcpParseResult.Malformed;
        }

        var entries = new List<(uint, byte)>();
        for (int offset = 8; offset + 8 <= body.Length; offset += 8)
        {
            entries.Add((BinaryPrimitives.ReadUInt32BigEndian(body[offset..]), body[offset + 4]));
        }

        fir = new FullIntraRequest { SenderSsrc = BinaryPrimitives.ReadUInt32BigEndian(body), Entries = entries };
        consumed = header.PacketLength;
        return RtcpParseResult.Ok;
    }

    /// <inheritdoc/>
    public override int GetSize() => RtcpHeader.Size + 8 + (8 * Entries.Count);

    /// <inheritdoc/>
    public override bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        int size = GetSize();
        if (destination.Length < size)
        {
            return false;
        }

        destination[..size].Clear();
        RtcpHeader.Write(destination, Format, PacketType, size);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], SenderSsrc);
        int offset = 12;
        foreach ((uint ssrc, byte sequence) in Entries)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], ssrc);
            destination[offset + 4] = sequence;
            offset += 8;
        }

        written = size;
        return true;
    }
}
