using System.Buffers.Binary;

namespace SipCube.Media.Tests;

/// <summary>Builds RTP and RTCP test packets.</summary>
internal static class Packets
{
    public static byte[] Rtp(byte payloadType, ushort seq, uint timestamp, uint ssrc, bool marker = false, int payloadLength = 160, byte fill = 0xAB)
    {
        var packet = new byte[12 + payloadLength];
        packet[0] = 0x80;
        packet[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), seq);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        packet.AsSpan(12).Fill(fill);
        return packet;
    }

    public static byte[] Dtmf(byte payloadType, ushort seq, uint timestamp, uint ssrc, byte digit, bool end, ushort duration, bool marker = false)
    {
        var packet = Rtp(payloadType, seq, timestamp, ssrc, marker, 4);
        packet[12] = digit;
        packet[13] = (byte)((end ? 0x80 : 0) | 10);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(14), duration);
        return packet;
    }

    public static ushort Seq(byte[] p) => BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(2));

    public static uint Ts(byte[] p) => BinaryPrimitives.ReadUInt32BigEndian(p.AsSpan(4));

    public static uint Ssrc(byte[] p) => BinaryPrimitives.ReadUInt32BigEndian(p.AsSpan(8));

    public static byte Pt(byte[] p) => (byte)(p[1] & 0x7F);

    public static bool Marker(byte[] p) => (p[1] & 0x80) != 0;

    /// <summary>An SR with one report block, followed by an SDES chunk.</summary>
    public static byte[] SenderReportWithSdes(uint ssrc, uint ntpMiddle, uint rtpTs, uint blockSsrc, uint highestSeq, uint lsr, uint dlsr)
    {
        var p = new byte[52 + 12];
        p[0] = 0x81;
        p[1] = 200;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (52 / 4) - 1);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(4), ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(8), 0xE000_0000 | (ntpMiddle >> 16));
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(12), ntpMiddle << 16);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(16), rtpTs);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(20), 999);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(24), 99999);
        WriteBlock(p.AsSpan(28), blockSsrc, highestSeq, lsr, dlsr);
        p[52] = 0x81;
        p[53] = 202;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(54), 2);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(56), ssrc);
        return p;
    }

    /// <summary>An RR with the given blocks (ssrc, highest, lsr, dlsr).</summary>
    public static byte[] ReceiverReport(uint ssrc, params (uint Ssrc, uint Highest, uint Lsr, uint Dlsr)[] blocks)
    {
        var p = new byte[8 + (24 * blocks.Length)];
        p[0] = (byte)(0x80 | blocks.Length);
        p[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)((p.Length / 4) - 1));
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(4), ssrc);
        for (var i = 0; i < blocks.Length; i++)
        {
            WriteBlock(p.AsSpan(8 + (24 * i)), blocks[i].Ssrc, blocks[i].Highest, blocks[i].Lsr, blocks[i].Dlsr);
        }

        return p;
    }

    private static void WriteBlock(Span<byte> block, uint ssrc, uint highest, uint lsr, uint dlsr)
    {
        BinaryPrimitives.WriteUInt32BigEndian(block, ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(block[4..], 0x0A00_0005);
        BinaryPrimitives.WriteUInt32BigEndian(block[8..], highest);
        BinaryPrimitives.WriteUInt32BigEndian(block[12..], 40);
        BinaryPrimitives.WriteUInt32BigEndian(block[16..], lsr);
        BinaryPrimitives.WriteUInt32BigEndian(block[20..], dlsr);
    }
}
