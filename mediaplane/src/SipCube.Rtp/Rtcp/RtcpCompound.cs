namespace SipCube.Rtp.Rtcp;

/// <summary>
/// Splits a compound RTCP datagram into packets and joins packets into one.
/// <code>
/// PT 200 SR | 201 RR | 202 SDES | 203 BYE        -> typed packets
/// PT 205 FMT 1 NACK | PT 206 FMT 1 PLI, FMT 4 FIR -> typed packets
/// anything else (APP, XR, REMB, transport-cc)     -> RtcpRawPacket (kept, never fails the compound)
/// </code>
/// A malformed known packet is also kept raw, so one odd packet cannot hide the reports around it;
/// only a broken header (version, length) stops the walk.
/// </summary>
/// <remarks>RFC 3550 §6.1 and §A.2; RFC 5761 §4 (rtcp-mux PT range 192-223)</remarks>
public static class RtcpCompound
{
    /// <summary>Most packets taken from one datagram (a bound on work per datagram).</summary>
    public const int MaxPackets = 64;

    /// <summary>Parses every packet of <paramref name="data"/> into <paramref name="packets"/>.</summary>
    public static RtcpParseResult TryParse(ReadOnlySpan<byte> data, List<RtcpPacket> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        int offset = 0;
        while (offset < data.Length)
        {
            if (packets.Count >= MaxPackets)
            {
                return RtcpParseResult.BadCount;
            }

            ReadOnlySpan<byte> rest = data[offset..];
            RtcpParseResult header = RtcpHeader.TryParse(rest, out RtcpHeader h, out _);
            if (header != RtcpParseResult.Ok)
            {
                return header;
            }

            // Only the last packet of a compound may be padded (RFC 3550 §6.4.1).
            if (h.Padding && offset + h.PacketLength != data.Length)
            {
                return RtcpParseResult.BadPadding;
            }

            packets.Add(ParseOne(rest[..h.PacketLength], h));
            offset += h.PacketLength;
        }

        return offset == 0 ? RtcpParseResult.TooShort : RtcpParseResult.Ok;
    }

    /// <summary>Bytes <see cref="TryWrite"/> needs.</summary>
    public static int GetSize(IReadOnlyList<RtcpPacket> packets) => packets.Sum(p => p.GetSize());

    /// <summary>Writes the packets back to back.</summary>
    public static bool TryWrite(IReadOnlyList<RtcpPacket> packets, Span<byte> destination, out int written)
    {
        ArgumentNullException.ThrowIfNull(packets);
        written = 0;
        foreach (RtcpPacket packet in packets)
        {
            if (!packet.TryWrite(destination[written..], out int n))
            {
                written = 0;
                return false;
            }

            written += n;
        }

        return true;
    }

    private static RtcpPacket ParseOne(ReadOnlySpan<byte> data, RtcpHeader header)
    {
        RtcpPacket? packet = null;
        RtcpParseResult result = (RtcpPacketType)header.PacketType switch
        {
            RtcpPacketType.SenderReport => Typed(RtcpSenderReport.TryParse(data, out RtcpSenderReport? sr, out _), sr, ref packet),
            RtcpPacketType.ReceiverReport => Typed(RtcpReceiverReport.TryParse(data, out RtcpReceiverReport? rr, out _), rr, ref packet),
            RtcpPacketType.SourceDescription => Typed(RtcpSourceDescription.TryParse(data, out RtcpSourceDescription? sdes, out _), sdes, ref packet),
            RtcpPacketType.Goodbye => Typed(RtcpGoodbye.TryParse(data, out RtcpGoodbye? bye, out _), bye, ref packet),
            RtcpPacketType.TransportFeedback when header.Count == GenericNack.Format =>
                Typed(GenericNack.TryParse(data, out GenericNack? nack, out _), nack, ref packet),
            RtcpPacketType.PayloadFeedback when header.Count == PictureLossIndication.Format =>
                Typed(PictureLossIndication.TryParse(data, out PictureLossIndication? pli, out _), pli, ref packet),
            RtcpPacketType.PayloadFeedback when header.Count == FullIntraRequest.Format =>
                Typed(FullIntraRequest.TryParse(data, out FullIntraRequest? fir, out _), fir, ref packet),
            _ => RtcpParseResult.Malformed,
        };

        if (result == RtcpParseResult.Ok && packet is not null)
        {
            return packet;
        }

        RtcpRawPacket.TryParse(data, out RtcpRawPacket? raw, out _);
        return raw!;
    }

    private static RtcpParseResult Typed<T>(RtcpParseResult result, T? parsed, ref RtcpPacket? packet)
        where T : RtcpPacket
    {
        packet = parsed;
        return result;
    }
}
