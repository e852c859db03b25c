using System.Buffers.Binary;

namespace SipCube.Rtp.Rtcp;

/// <summary>Payload-specific feedback FMT 1: picture loss, no FCI.</summary>
/// <remarks>RFC 4585 §6.3.1</remarks>
public sealed class PictureLossIndication : RtcpPacket
{
    /// <summary>FMT value.</summary>
    public const byte Format = 1;

    private const int Length = 12;

    /// <summary>Packet sender SSRC.</summary>
    public uint SenderSsrc { get; init; }

    /// <summary>Media source SSRC.</summary>
    public uint MediaSsrc { get; init; }

    /// <inheritdoc/>
    public override RtcpPacketType PacketType => RtcpPacketType.PayloadFeedback;

    /// <summary>Parses one PLI (header included).</summary>
    public static RtcpParseResult TryParse(ReadOnlySpan<byte> data, out PictureLossIndication? pli, out int consumed)
    {
        pli = null;
        consumed = 0;
        RtcpParseResult result = RtcpHeader.TryParse(data, out RtcpHeader header, out _);
        if (result != RtcpParseResult.Ok)
        {
            return result;
        }

        if (header.PacketLength < Length || header.PacketType != (byte)RtcpPacketType.PayloadFeedback || header.Count != Format)
        {
            return RtcpParseResult.Malformed;
        }

        pli = new PictureLossIndication
        {
            SenderSsrc = BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            MediaSsrc = BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
        };
        consumed = header.PacketLength;
        return RtcpParseResult.Ok;
    }

    /// <inheritdoc/>
    public override int GetSize() => Length;

    /// <inheritdoc/>
    public override bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Length)
        {
            return false;
        }

        RtcpHeader.Write(destination, Format, PacketType, Length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], SenderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], MediaSsrc);
        written = Length;
        return true;
    }
}
