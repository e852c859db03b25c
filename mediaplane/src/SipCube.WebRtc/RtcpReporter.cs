using System.Buffers.Binary;
using System.Text;

namespace SipCube.WebRtc;

/// <summary>
/// The minimal RTCP a WebRTC peer expects: per received SSRC the RFC 3550 §A.1/§A.8 sequence and jitter state,
/// the last SR (for LSR/DLSR), and a compound SR-or-RR + SDES(CNAME) report. With LSR/DLSR echoed the browser
/// computes the round-trip time; RR blocks about our own SR give us ours (RFC 3550 §6.4.1).
/// </summary>
/// <remarks>RFC 3550 §6.4.1 (SR), §6.4.2 (RR), §6.5 (SDES), §A.1, §A.3, §A.8</remarks>
internal sealed class RtcpReporter(TimeProvider time, string cname)
{
    private const int MaxStreams = 8;
    private static readonly DateTimeOffset NtpEpoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ReceiveStream[] streams = new ReceiveStream[MaxStreams];
    private readonly byte[] cnameBytes = Encoding.UTF8.GetBytes(cname);
    private readonly Lock gate = new();
    private int streamCount;
    private uint packetsSent;
    private uint octetsSent;
    private uint lastRtpTimestamp;
    private long lastSendTimestamp;
    private int clockRate = 48000;

    /// <summary>Latest RTT computed from a report block about our SR, or null.</summary>
    public TimeSpan? RoundTripTime { get; private set; }

    public uint PacketsSent => packetsSent;

    public void OnRtpSent(ReadOnlySpan<byte> plain, int payloadOffset, int rate)
    {
        lock (gate)
        {
            packetsSent++;
            octetsSent += (uint)Math.Max(0, plain.Length - payloadOffset);
            lastRtpTimestamp = BinaryPrimitives.ReadUInt32BigEndian(plain[4..]);
            lastSendTimestamp = time.GetTimestamp();
            clockRate = rate;
        }
    }

    public void OnRtpReceived(ReadOnlySpan<byte> plain, int rate)
    {
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(plain[8..]);
        var seq = BinaryPrimitives.ReadUInt16BigEndian(plain[2..]);
        var rtpTimestamp = BinaryPrimitives.ReadUInt32BigEndian(plain[4..]);
        var arrival = (uint)(time.GetElapsedTime(0).TotalSeconds * rate);
        lock (gate)
        {
            var i = Find(ssrc, create: true);
            if (i >= 0)
            {
                streams[i].Update(seq, arrival - rtpTimestamp);
            }
        }
    }

    public void OnRtcpReceived(ReadOnlySpan<byte> compound)
    {
        var now = NtpMiddle(time.GetUtcNow());
        while (compound.Length >= 8)
        {
            var length = (BinaryPrimitives.ReadUInt16BigEndian(compound[2..]) + 1) * 4;
            if (length > compound.Length)
            {
                return;
            }

            var packet = compound[..length];
            var count = packet[0] & 0x1F;
            if (packet[1] == 200 && length >= 28)
            {
                OnSenderReport(packet, now);
                ReadBlocks(packet[28..], count, now);
            }
            else if (packet[1] == 201)
            {
                ReadBlocks(packet[8..], count, now);
            }

            compound = compound[length..];
        }
    }

    /// <summary>Writes SR (when we have sent) or RR, with a block per received stream, then SDES CNAME.</summary>
    public int WriteReport(Span<byte> destination, uint localSsrc)
    {
        lock (gate)
        {
            var sender = packetsSent > 0;
            var headerSize = sender ? 28 : 8;
            var offset = headerSize;
            var blocks = 0;
            for (var i = 0; i < streamCount && blocks < 31; i++, blocks++)
            {
                streams[i].WriteBlock(destination[offset..], time);
                offset += 24;
            }

            destination[0] = (byte)(0x80 | blocks);
            destination[1] = (byte)(sender ? 200 : 201);
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((offset / 4) - 1));
            BinaryPrimitives.WriteUInt32BigEndian(destination[4..], localSsrc);
            if (sender)
            {
                var now = time.GetUtcNow();
                var seconds = (now - NtpEpoch).TotalSeconds;
                BinaryPrimitives.WriteUInt32BigEndian(destination[8..], (uint)seconds);
                BinaryPrimitives.WriteUInt32BigEndian(destination[12..], (uint)((seconds - Math.Floor(seconds)) * 4294967296.0));
                var since = time.GetElapsedTime(lastSendTimestamp).TotalSeconds;
                BinaryPrimitives.WriteUInt32BigEndian(destination[16..], lastRtpTimestamp + (uint)(since * clockRate));
                BinaryPrimitives.WriteUInt32BigEndian(destination[20..], packetsSent);
                BinaryPrimitives.WriteUInt32BigEndian(destination[24..], octetsSent);
            }

            return offset + WriteSdes(destination[offset..], localSsrc);
        }
    }

    private int WriteSdes(Span<byte> destination, uint ssrc)
    {
        var itemsLength = 2 + cnameBytes.Length + 1;
        var padded = (itemsLength + 3) & ~3;
        var total = 8 + padded;
        destination[..total].Clear();
        destination[0] = 0x81;
        destination[1] = 202;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((total / 4) - 1));
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        destination[8] = 1;
        destination[9] = (byte)cnameBytes.Length;
        cnameBytes.CopyTo(destination[10..]);
        return total;
    }

    private void OnSenderReport(ReadOnlySpan<byte> packet, uint now)
    {
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        var ntpMiddle = BinaryPrimitives.ReadUInt32BigEndian(packet[10..]);
        lock (gate)
        {
            var i = Find(ssrc, create: true);
            if (i >= 0)
            {
                streams[i].LastSr = ntpMiddle;
                streams[i].LastSrArrival = time.GetTimestamp();
                streams[i].HasSr = true;
            }
        }
    }

    private void ReadBlocks(ReadOnlySpan<byte> blocks, int count, uint now)
    {
        for (var b = 0; b < count && blocks.Length >= 24; b++, blocks = blocks[24..])
        {
            var lsr = BinaryPrimitives.ReadUInt32BigEndian(blocks[16..]);
            var dlsr = BinaryPrimitives.ReadUInt32BigEndian(blocks[20..]);
            if (lsr != 0 && now - lsr >= dlsr)
            {
                RoundTripTime = TimeSpan.FromSeconds((now - lsr - dlsr) / 65536.0);
            }
        }
    }

    private int Find(uint ssrc, bool create)
    {
        for (var i = 0; i < streamCount; i++)
        {
            if (streams[i].Ssrc == ssrc)
            {
                return i;
            }
        }

        if (!create || streamCount == MaxStreams)
        {
            return -1;
        }

        streams[streamCount] = new ReceiveStream { Ssrc = ssrc };
        return streamCount++;
    }

    private static uint NtpMiddle(DateTimeOffset when)
    {
        var seconds = (when - NtpEpoch).TotalSeconds;
        var whole = (ulong)seconds;
        var fraction = (ulong)((seconds - Math.Floor(seconds)) * 65536.0);
        return (uint)((whole << 16) | fraction);
    }

    private struct ReceiveStream
    {
        public uint Ssrc;
        public bool Started;
        public ushort MaxSeq;
        public uint Cycles;
        public uint BaseSeq;
        public uint Received;
        public uint ExpectedPrior;
        public uint ReceivedPrior;
        public uint LastTransit;
        public double Jitter;
        public uint LastSr;
        public long LastSrArrival;
        public bool HasSr;

        public void Update(ushort seq, uint transit)
        {
            if (!Started)
            {
                Started = true;
                BaseSeq = seq;
                MaxSeq = seq;
                LastTransit = transit;
            }
            else
            {
                if (seq < MaxSeq && MaxSeq - seq > 0x8000)
                {
                    Cycles += 0x10000;
                }

                if ((ushort)(seq - MaxSeq) < 0x8000)
                {
                    MaxSeq = seq;
                }

                var d = Math.Abs((int)(transit - LastTransit));
                LastTransit = transit;
                Jitter += (d - Jitter) / 16.0;
            }

            Received++;
        }

        public void WriteBlock(Span<byte> block, TimeProvider time)
        {
            var extendedMax = Cycles + MaxSeq;
            var expected = extendedMax - BaseSeq + 1;
            var lost = (int)Math.Clamp((long)expected - Received, -0x800000, 0x7FFFFF);
            var expectedInterval = expected - ExpectedPrior;
            var receivedInterval = Received - ReceivedPrior;
            ExpectedPrior = expected;
            ReceivedPrior = Received;
            var lostInterval = (long)expectedInterval - receivedInterval;
            var fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int)((lostInterval << 8) / expectedInterval);
            BinaryPrimitives.WriteUInt32BigEndian(block, Ssrc);
            BinaryPrimitives.WriteUInt32BigEndian(block[4..], ((uint)fraction << 24) | ((uint)lost & 0xFFFFFF));
            BinaryPrimitives.WriteUInt32BigEndian(block[8..], extendedMax);
            BinaryPrimitives.WriteUInt32BigEndian(block[12..], (uint)Jitter);
            BinaryPrimitives.WriteUInt32BigEndian(block[16..], HasSr ? LastSr : 0);
            var dlsr = HasSr ? (uint)(time.GetElapsedTime(LastSrArrival).TotalSeconds * 65536) : 0;
            BinaryPrimitives.WriteUInt32BigEndian(block[20..], dlsr);
        }
    }
}
