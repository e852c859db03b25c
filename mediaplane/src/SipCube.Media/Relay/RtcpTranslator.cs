using System.Buffers.Binary;

namespace SipCube.Media.Relay;

/// <summary>
/// Translates RTCP from one leg (X) for the other (Y) in place, to match what <see cref="RtpReframer"/> did to the
/// RTP. Sender reports get our SSRC toward Y, the RTP timestamp shifted by the same offset as the media, and our own
/// packet/octet counts; report blocks about the stream X receives from us get the SSRC and sequence numbering Y really
/// sent. LSR/DLSR pass unchanged, so Y can still compute its end-to-end RTT, and the node measures each leg's RTT on
/// the way (<see cref="LegRttTracker"/>). SDES, BYE, APP, feedback and blocks about unknown sources are dropped
/// rather than forwarded blindly.
/// </summary>
/// <remarks>RFC 3550 §6.4.1 (SR), §6.4.2 (RR), §6.1 (compound packets), RFC 7667 §3.2.1.3 (RTCP through an SSRC
/// rewriting translator).</remarks>
public sealed class RtcpTranslator(RtpReframer forward, RtpReframer reverse, LegRttTracker source, LegRttTracker destination)
{
    private const byte SenderReport = 200;
    private const byte ReceiverReport = 201;
    private const int ReportBlockLength = 24;

    /// <summary>Rewrites the compound packet in <paramref name="buffer"/>[..<paramref name="length"/>]; the result
    /// is <paramref name="buffer"/>[..<paramref name="outLength"/>].</summary>
    public RelayResult Translate(Span<byte> buffer, int length, long now, out int outLength)
    {
        outLength = 0;
        var read = 0;
        var write = 0;
        while (read + 4 <= length)
        {
            if (buffer[read] >> 6 != 2)
            {
                return RelayResult.Malformed;
            }

            var size = (BinaryPrimitives.ReadUInt16BigEndian(buffer[(read + 2)..]) + 1) * 4;
            if (read + size > length)
            {
                return RelayResult.Malformed;
            }

            var type = buffer[read + 1];
            if (type is SenderReport or ReceiverReport)
            {
                write += TranslateReport(buffer.Slice(read, size), buffer[write..], type == SenderReport, now);
            }

            read += size;
        }

        outLength = write;
        return write == 0 ? RelayResult.Consumed : RelayResult.Forwarded;
    }

    /// <summary>Translates one SR/RR from <paramref name="packet"/> into <paramref name="output"/> (which may
    /// overlap it, starting at or before it); returns the bytes written, 0 to drop it.</summary>
    private int TranslateReport(Span<byte> packet, Span<byte> output, bool isSender, long now)
    {
        var fixedLength = isSender ? 28 : 8;
        var count = packet[0] & 0x1F;
        if (packet.Length < fixedLength + (count * ReportBlockLength))
        {
            return 0;
        }

        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], forward.OutSsrc);
        if (isSender)
        {
            destination.SenderReportSent(BinaryPrimitives.ReadUInt32BigEndian(packet[10..]), now);
            var rtpTimestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[16..]);
            BinaryPrimitives.WriteUInt32BigEndian(packet[16..], rtpTimestamp + forward.TimestampOffset);
            BinaryPrimitives.WriteUInt32BigEndian(packet[20..], (uint)forward.PacketsSent);
            BinaryPrimitives.WriteUInt32BigEndian(packet[24..], (uint)forward.OctetsSent);
        }

        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            var block = packet.Slice(fixedLength + (i * ReportBlockLength), ReportBlockLength);
            if (BinaryPrimitives.ReadUInt32BigEndian(block) != reverse.OutSsrc)
            {
                continue;
            }

            BinaryPrimitives.WriteUInt32BigEndian(block, reverse.InSsrc);
            var highest = BinaryPrimitives.ReadUInt32BigEndian(block[8..]);
            var low = (ushort)((ushort)highest - reverse.SequenceOffset);
            BinaryPrimitives.WriteUInt32BigEndian(block[8..], (highest & 0xFFFF_0000) | low);
            source.ReportReceived(BinaryPrimitives.ReadUInt32BigEndian(block[16..]), BinaryPrimitives.ReadUInt32BigEndian(block[20..]), now);
            block.CopyTo(packet[(fixedLength + (kept * ReportBlockLength))..]);
            kept++;
        }

        if (!isSender && kept == 0)
        {
            return 0;
        }

        var size = fixedLength + (kept * ReportBlockLength);
        packet[0] = (byte)((packet[0] & 0xC0) | kept);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)((size / 4) - 1));
        packet[..size].CopyTo(output);
        return size;
    }
}
