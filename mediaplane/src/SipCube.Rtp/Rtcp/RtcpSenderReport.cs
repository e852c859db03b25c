using System.Buffers.Binary;

namespace SipCube.Rtp.Rtcp;

/// <summary>Sender report: sender info (NTP and RTP time, packet and octet counts) plus report blocks.</summary>
/// <remarks>RFC 3550 §6.4.1</remarks>
public sealed class RtcpSenderReport : RtcpPacket
{
    private const int InfoLength = 24;

    /// <summary>Sender SSRC.</summary>
    public uint Ssrc { get; init; }

    /// <summary>64-bit NTP timestamp (see <see cref="NtpTime"/>).</summary>
    public ulong NtpTimestamp { get; init; }

    /// <summary>RTP timestamp matching <see cref="NtpTimestamp"/>.</summary>
    public uint RtpTimestamp { get; init; }

    /// <summary>Sender's packet count.</summary>
    public uint PacketCount { get; init; }

    /// <summary>Sender's payload octet count.</summary>
    public uint OctetCount { get; init; }

    /// <summary>Report blocks (at most 31).</summary>
    public IReadOnlyList<ReceptionReport> Reports { get; init; } = [];

    /// <inheritdoc/>
    public override RtcpPacketType PacketType => RtcpPacketType.SenderReport;

    /// <summary>Parses one SR (header included).</summary>
    public static RtcpParseResult TryParse(ReadOnlySpan<byte> data, out RtcpSenderReport? report, out int consumed)
    {
        report = null;
        consumed = 0;
        RtcpParseResult result = RtcpHeader.TryParse(data, out RtcpHeader header, out _);
        if (result != RtcpParseResult.Ok)
        {
            return result;
        }

        ReadOnlySpan<byte> body = data[RtcpHeader.Size..header.PacketLength];
        if (body.Length < InfoLength + (header.Count * ReceptionReport.Size))
        {
            return RtcpParseResult.BadCount;
        }

        report = new RtcpSenderReport
        {
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(body),
            NtpTimestamp = BinaryPrimitives.ReadUInt64BigEndian(body[4..]),
            RtpTimestamp = BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
            PacketCount = BinaryPrimitives.ReadUInt32BigEndian(body[16..]),
            OctetCount = BinaryPrimitives.ReadUInt32BigEndian(body[20..]),
            Reports = RtcpReceiverReport.ParseBlocks(body[InfoLength..], header.Count),
        };
        consumed = header.PacketLength;
        return RtcpParseResult.Ok;
    }

    /// <inheritdoc/>
    public override int GetSize() => RtcpHeader.Size + InfoLength + (Reports.Count * ReceptionReport.Size);

    /// <inheritdoc/>
    public override bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        int size = GetSize();
        if (destination.Length < size || Reports.Count > 31)
        {
            return false;
        }

        RtcpHeader.Write(destination, (byte)Reports.Count, PacketType, size);
        Span<byte> body = destination[RtcpHeader.Size..];
        BinaryPrimitives.WriteUInt32BigEndian(body, Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(body[4..], NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(body[12..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(body[16..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(body[20..], OctetCount);
        RtcpReceiverReport.WriteBlocks(body[InfoLength..], Reports);
        written = size;
        return true;
    }
}
