using SipCube.Media.Rtp;

namespace SipCube.Media.Relay;

/// <summary>
/// One direction of the relay: rewrites SSRC, sequence number, timestamp and payload type of each packet in place so
/// the stream the receiver sees is one continuous RTP source, whatever the sender does (new SSRC after a re-INVITE, a
/// fork switch, hold/resume). Within one incoming source the offsets are constant, so gaps (loss) and reordering stay
/// visible downstream; on a source change the output continues at the next sequence number, with the timestamp
/// advanced by the wall-clock time elapsed, and the marker set (a new talkspurt).
/// </summary>
/// <remarks>RFC 3550 §5.1 (sequence/timestamp semantics), §8 (SSRC), RFC 7667 §3.2.1.3 (a translator that rewrites
/// SSRC must keep sequence and timestamp continuity). Zero allocations per packet.</remarks>
public sealed class RtpReframer
{
    private const double StaleWindowSeconds = 0.5;
    private readonly double ticksToSeconds;
    private long switchArrival;
    private bool started;
    private uint inSsrc;
    private uint previousSsrc;
    private bool hasPrevious;
    private ushort seqOffset;
    private uint tsOffset;
    private ushort highestSeq;
    private uint highestTs;
    private long highestArrival;
    private bool pendingMarker;

    /// <summary>Creates a direction sending as <paramref name="outSsrc"/>, starting at the given (random, RFC 3550
    /// §5.1) sequence number and timestamp.</summary>
    public RtpReframer(PayloadTypeMap payloadTypes, uint outSsrc, ushort initialSequence, uint initialTimestamp, long timestampFrequency)
    {
        ArgumentNullException.ThrowIfNull(payloadTypes);
        PayloadTypes = payloadTypes;
        OutSsrc = outSsrc;
        highestSeq = (ushort)(initialSequence - 1);
        highestTs = initialTimestamp;
        ticksToSeconds = 1.0 / timestampFrequency;
    }

    /// <summary>The payload type map of this direction; replace it after a re-INVITE.</summary>
    public PayloadTypeMap PayloadTypes { get; set; }

    /// <summary>The SSRC the receiver sees.</summary>
    public uint OutSsrc { get; }

    /// <summary>The sender's current SSRC (valid once a packet was forwarded).</summary>
    public uint InSsrc => inSsrc;

    /// <summary>Added to incoming sequence numbers (mod 2^16).</summary>
    public ushort SequenceOffset => seqOffset;

    /// <summary>Added to incoming timestamps (mod 2^32).</summary>
    public uint TimestampOffset => tsOffset;

    /// <summary>The sequence number the next forwarded packet gets when the source does not change.</summary>
    public ushort NextSequence => (ushort)(highestSeq + 1);

    /// <summary>The highest timestamp sent so far (the initial one before any packet).</summary>
    public uint HighestTimestamp => highestTs;

    /// <summary>Packets forwarded (the SR sender packet count toward the receiver).</summary>
    public long PacketsSent { get; private set; }

    /// <summary>Payload octets forwarded (the SR sender octet count).</summary>
    public long OctetsSent { get; private set; }

    /// <summary>Rewrites <paramref name="packet"/> in place. <paramref name="arrival"/> is in
    /// <see cref="TimeProvider.GetTimestamp"/> ticks.</summary>
    public RelayResult Rewrite(Span<byte> packet, long arrival)
    {
        if (!RtpHeaderView.TryGetHeaderLength(packet, out var headerLength))
        {
            return RelayResult.Malformed;
        }

        var payloadType = RtpHeaderView.PayloadType(packet);
        if (!PayloadTypes.TryMap(payloadType, out var outPayloadType))
        {
            return RelayResult.UnknownPayloadType;
        }

        var ssrc = RtpHeaderView.Ssrc(packet);
        var seq = RtpHeaderView.SequenceNumber(packet);
        var ts = RtpHeaderView.Timestamp(packet);
        if (!started || ssrc != inSsrc)
        {
            // Stragglers of the old source right after a switch are dropped; later, the old SSRC coming back (resume
            // to an earlier source) is a real switch.
            if (hasPrevious && ssrc == previousSsrc && (arrival - switchArrival) * ticksToSeconds < StaleWindowSeconds)
            {
                return RelayResult.StaleSource;
            }

            Rebase(ssrc, seq, ts, arrival, PayloadTypes.ClockRate(payloadType));
        }

        var outSeq = (ushort)(seq + seqOffset);
        var outTs = ts + tsOffset;
        if ((short)(outSeq - highestSeq) > 0)
        {
            highestSeq = outSeq;
            highestTs = outTs;
            highestArrival = arrival;
        }

        RtpHeaderView.Write(packet, RtpHeaderView.Marker(packet) || pendingMarker, outPayloadType, outSeq, outTs, OutSsrc);
        pendingMarker = false;
        PacketsSent++;
        OctetsSent += packet.Length - headerLength;
        return RelayResult.Forwarded;
    }

    /// <summary>Takes the next output sequence number for a packet this relay inserts itself (an RFC 4733 event made
    /// from SIP INFO); later forwarded packets continue after it. Call on the thread that calls
    /// <see cref="Rewrite"/>.</summary>
    public ushort ReserveSequence()
    {
        seqOffset++;
        highestSeq++;
        return highestSeq;
    }

    /// <summary>Sets the marker on the packet just rewritten (used for RFC 4733 event starts that lack it).</summary>
    internal static void SetMarker(Span<byte> packet) => packet[1] |= 0x80;

    private void Rebase(uint ssrc, ushort seq, uint ts, long arrival, int clockRate)
    {
        var nextSeq = (ushort)(highestSeq + 1);
        var nextTs = highestTs;
        if (started)
        {
            // Advance by the real time that passed (at least one 20 ms frame), so the receiver's jitter buffer
            // sees a plausible gap instead of a timestamp jump or a repeat.
            var elapsed = (arrival - highestArrival) * ticksToSeconds;
            var samples = Math.Max(clockRate / 50, (long)(elapsed * clockRate));
            nextTs = highestTs + (uint)samples;
            previousSsrc = inSsrc;
            hasPrevious = true;
            switchArrival = arrival;
            pendingMarker = true;
        }

        started = true;
        inSsrc = ssrc;
        seqOffset = (ushort)(nextSeq - seq);
        tsOffset = nextTs - ts;
        highestSeq = (ushort)(nextSeq - 1);
        highestArrival = arrival;
    }
}
