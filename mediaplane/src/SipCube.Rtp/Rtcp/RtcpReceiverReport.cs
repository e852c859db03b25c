using System.Buffers.Binary;

namespace SipCube.Rtp.Rtcp;

/// <summary>Receiver report: reporter SSRC plus report blocks.</summary>
/// <remarks>RFC 3550 §6.4.2</remarks>
public sealed class RtcpReceiverReport : RtcpPacket
{
    /// <summary>Reporter SSRC.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Report blocks (at most 31).</summary>
    public IReadOnlyList<ReceptionReport> Reports { get; init; } = [];

    /// <inheritdoc/>
    public override RtcpPacketType PacketType => RtcpPacketType.ReceiverReport;

    /// <summary>Parses one RR (header included).</summary>
    public static RtcpParseResult TryParse(ReadOnlySpan<byte> data, out RtcpReceiverReport? report, out int consumed)
    {
        report = null;
        consumed = 0;
        RtcpParseResult result = RtcpHeader.TryParse(data, out RtcpHeader header, out _);
        if (result != RtcpParseResult.Ok)
        {
            return result;
        }

        ReadOnlySpan<byte> body = data[RtcpHeader.Size..header.PacketLength];
        if (body.Length < 4 + (header.Count * ReceptionReport.Size))
        {
            return RtcpParseResult.BadCount;
        }

        report = new RtcpReceiverReport { Ssrc = BinaryPrimitives.ReadUInt32BigEndian(body), Reports = ParseBlocks(body[4..], header.Count) };
        consumed = header.PacketLength;
        return RtcpParseResult.Ok;
    }

    /// <inheritdoc/>
    public override int GetSize() => RtcpHeader.Size + 4 + (Reports.Count * ReceptionReport.Size);

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
        BinaryPrimitives.WriteUInt32BigEndian(destination[RtcpHeader.Size..], Ssrc);
        WriteBlocks(destination[(RtcpHeader.Size + 4)..], Reports);
        written = size;
        return true;
    }

    internal static ReceptionReport[] ParseBlocks(ReadOnlySpan<byte> data, int count)
    {
        var reports = new ReceptionReport[count];
        for (int i = 0; i < count; i++)
        {
            ReceptionReport.TryParse(data[(i * ReceptionReport.Size)..], out reports[i], out _);
        }

        return reports;
    }

    internal static void WriteBlocks(Span<byte> destination, IReadOnlyList<ReceptionReport> reports)
    {
        for (int i = 0; i < reports.Count; i++)
        {
            reports[i].TryWrite(destination[(i * ReceptionReport.Size)..], out _);
        }
    }
}
