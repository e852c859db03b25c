namespace SipCube.Rtp.Rtcp;

/// <summary>
/// A packet kept as bytes: APP, XR, REMB (PSFB FMT 15), transport-cc (RTPFB FMT 15) and any type this
/// library does not model. Chromium puts these in its compound packets; skipping them keeps the rest.
/// </summary>
/// <remarks>RFC 3550 §6.1 (unknown types are ignored), RFC 4585 §6.1</remarks>
public sealed class RtcpRawPacket : RtcpPacket
{
    /// <summary>The whole packet, header included.</summary>
    public ReadOnlyMemory<byte> Bytes { get; init; }

    /// <summary>The header's count/FMT field.</summary>
    public byte Format => Bytes.Length > 0 ? (byte)(Bytes.Span[0] & 0x1F) : (byte)0;

    /// <inheritdoc/>
    public override RtcpPacketType PacketType => Bytes.Length > 1 ? (RtcpPacketType)Bytes.Span[1] : 0;

    /// <summary>Keeps one packet (header included) as a copy.</summary>
    public static RtcpParseResult TryParse(ReadOnlySpan<byte> data, out RtcpRawPacket? packet, out int consumed)
    {
        packet = null;
        consumed = 0;
        RtcpParseResult result = RtcpHeader.TryParse(data, out RtcpHeader header, out _);
        if (result != RtcpParseResult.Ok)
        {
            return result;
        }

        packet = new RtcpRawPacket { Bytes = data[..header.PacketLength].ToArray() };
        consumed = header.PacketLength;
        return RtcpParseResult.Ok;
    }

    /// <inheritdoc/>
    public override int GetSize() => Bytes.Length;

    /// <inheritdoc/>
    public override bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Bytes.Length)
        {
            return false;
        }

        Bytes.Span.CopyTo(destination);
        written = Bytes.Length;
        return true;
    }
}
