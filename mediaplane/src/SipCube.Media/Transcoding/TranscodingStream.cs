using SipCube.Codecs;
using SipCube.Codecs.Jitter;
using SipCube.Media.Dtmf;
using SipCube.Media.Relay;
using SipCube.Media.Rtp;

namespace SipCube.Media.Transcoding;

/// <summary>
/// One direction of a transcoded call: the sender's RTP goes through a jitter buffer (ordering, duplicates, loss),
/// is decoded, resampled and re-encoded, and leaves as a new RTP stream of our own (SSRC, sequence, timestamp on the
/// receiver's clock). RFC 4733 events are not audio: they are detected (missing marker tolerated, End deduplicated)
/// and regenerated on the receiver's event payload type and clock, with three End packets.
/// </summary>
/// <remarks>
/// Why the buffer is drained on arrival and not by a 20 ms timer: the node is not a playout point. The receiver
/// (browser NetEq, the phone) runs its own adaptive jitter buffer on our output, so ours only has to put packets
/// back in order and conceal real losses before the encoder. Draining on each arrival adds no delay to in-order
/// packets, needs no timer per call (a 50 Hz timer for thousands of calls would cost more than the transcoding), and a
/// gap is concealed once <see cref="RevealDepth"/> later packets show it is lost. RFC 3550 §5.1 (sequence order),
/// RFC 4733 §2.5 (events), RFC 3551 §4.5.2 (G.722's 8000 Hz RTP clock).
/// </remarks>
internal sealed class TranscodingStream : IDisposable
{
    /// <summary>Packets after a gap that prove it is a loss (about 40 ms at 20 ms packets).</summary>
    public const int RevealDepth = 2;
    private const int HeaderLength = RtpHeaderView.FixedHeaderLength;
    private const int EndRepeats = 3;
    private readonly JitterBuffer jitter;
    private readonly AudioTranscoder transcoder;
    private readonly DtmfEventDetector detector = new();
    private readonly byte[] jitterPayload;
    private readonly byte[] output;
    private readonly byte inAudio;
    private readonly int inClock;
    private readonly int inEvent;
    private readonly int inEventClock;
    private readonly byte outAudio;
    private readonly int outClock;
    private readonly int outEvent;
    private readonly int outEventClock;
    private readonly int encoderRate;
    private readonly long timestampFrequency;
    private ushort sequence;
    private uint timestamp;
    private bool marker = true;
    private bool havePrevious;
    private ushort previousSequence;
    private uint previousTimestamp;
    private uint packetDuration;
    private uint lastStep;
    private bool restarted;
    private long lastEmit;
    private uint eventTimestamp;

    public TranscodingStream(TranscodingStreamSetup setup, TimeProvider time)
    {
        transcoder = new AudioTranscoder(setup.Decoder, setup.Encoder);
        inAudio = setup.InAudio.PayloadType;
        inClock = setup.InAudio.ClockRate;
        inEvent = setup.InEvents?.PayloadType ?? -1;
        inEventClock = setup.InEvents?.ClockRate ?? inClock;
        outAudio = setup.OutAudio.PayloadType;
        outClock = setup.OutAudio.ClockRate;
        outEvent = setup.OutEvents?.PayloadType ?? -1;
        outEventClock = setup.OutEvents?.ClockRate ?? outClock;
        encoderRate = setup.Encoder.SampleRate;
        Ssrc = setup.Ssrc;
        sequence = setup.InitialSequence;
        timestamp = setup.InitialTimestamp;
        timestampFrequency = time.TimestampFrequency;
        packetDuration = (uint)(inClock / 50);
        var maxIn = setup.Decoder.MaxPayloadBytes * 6;
        jitter = new JitterBuffer(time, new JitterBufferOptions(inClock, TimeSpan.FromMilliseconds(20), Capacity: 16, MaxPayloadBytes: maxIn));
        jitterPayload = new byte[maxIn];
        output = GC.AllocateArray<byte>(HeaderLength + transcoder.MaxOutputBytes + 64, pinned: true);
    }

    /// <summary>Our SSRC toward the receiver.</summary>
    public uint Ssrc { get; }

    /// <summary>Sequence number of the next packet.</summary>
    public ushort NextSequence => sequence;

    /// <summary>RTP clock of the incoming audio.</summary>
    public int InClock => inClock;

    /// <summary>Timestamp the next audio packet will carry.</summary>
    public uint NextTimestamp => timestamp;

    /// <summary>Packets sent (audio and events).</summary>
    public long PacketsSent { get; private set; }

    /// <summary>Events completed by the sender.</summary>
    public long DigitsCompleted => detector.DigitsCompleted;

    /// <summary>Out-of-band events to mix into this stream (SIP INFO digits toward the app), if any.</summary>
    public TelephoneEventGenerator? Injected { get; init; }

    /// <summary>The jitter buffer (tests, statistics).</summary>
    public JitterBuffer Jitter => jitter;

    /// <summary>Whether <paramref name="payloadType"/> is the incoming telephone-event type.</summary>
    public bool IsEvent(byte payloadType) => payloadType == inEvent;

    /// <summary>Whether <paramref name="payloadType"/> is one this stream takes.</summary>
    public bool Takes(byte payloadType) => payloadType == inAudio || payloadType == inEvent;

    /// <summary>Takes one valid RTP packet (header already checked) and sends what it yields to
    /// <paramref name="sink"/>.</summary>
    public RelayResult Receive(ReadOnlySpan<byte> packet, int headerLength, long arrival, IRtpPacketSink sink)
    {
        var payloadType = RtpHeaderView.PayloadType(packet);
        var payload = packet[headerLength..];
        if (payloadType == inEvent)
        {
            RegenerateEvent(payload, RtpHeaderView.Timestamp(packet), sink);
            return RelayResult.Forwarded;
        }

        if (payloadType != inAudio)
        {
            return RelayResult.UnknownPayloadType;
        }

        var pushed = jitter.Push(RtpHeaderView.SequenceNumber(packet), RtpHeaderView.Timestamp(packet), payload);
        if (pushed == JitterPushResult.Restarted)
        {
            restarted = true;
            havePrevious = false;
        }
        else if (pushed != JitterPushResult.Accepted)
        {
            return RelayResult.Forwarded;
        }

        Drain(arrival, sink);
        return RelayResult.Forwarded;
    }

    public void Dispose() => transcoder.Dispose();

    private void Drain(long arrival, IRtpPacketSink sink)
    {
        while (true)
        {
            var frame = jitter.PopReady(jitterPayload, RevealDepth);
            int written;
            if (frame.Kind == JitterFrameKind.Frame)
            {
                TrackTimeline(frame.Sequence, frame.Timestamp);
                written = transcoder.Transcode(jitterPayload.AsSpan(0, frame.Length), output.AsSpan(HeaderLength));
            }
            else if (frame.Kind == JitterFrameKind.Conceal)
            {
                written = transcoder.Conceal(output.AsSpan(HeaderLength));
            }
            else
            {
                return;
            }

            if (written > 0)
            {
                EmitAudio(written, arrival, sink);
            }
        }
    }

    /// <summary>A timestamp step larger than the sequence step explains (silence suppression, a paused sender) is
    /// carried over to the output, scaled, with the marker of a new talkspurt (RFC 3551 §4.1).</summary>
    private void TrackTimeline(ushort seq, uint ts)
    {
        if (havePrevious)
        {
            var seqStep = (ushort)(seq - previousSequence);
            var tsStep = ts - previousTimestamp;
            if (seqStep == 1 && tsStep == lastStep && tsStep >= inClock / 200 && tsStep <= inClock / 8)
            {
                // Two equal steps in a row are the packetisation (30 ms G.711, 60 ms Opus), not a pause.
                packetDuration = tsStep;
            }

            lastStep = seqStep == 1 ? tsStep : 0;

            var expected = (long)seqStep * packetDuration;
            var gap = (long)tsStep - expected;
            if (gap > packetDuration / 2 && gap < inClock * 3600L)
            {
                timestamp += (uint)(gap * outClock / inClock);
                marker = true;
            }
        }

        havePrevious = true;
        previousSequence = seq;
        previousTimestamp = ts;
    }

    private void EmitAudio(int length, long arrival, IRtpPacketSink sink)
    {
        if (restarted)
        {
            // A new source: continue our timeline by the wall-clock time that passed (at least one frame).
            restarted = false;
            marker = true;
            if (lastEmit != 0)
            {
                var elapsed = (double)(arrival - lastEmit) / timestampFrequency;
                var skip = (long)(elapsed * outClock) - (outClock / 50);
                timestamp += (uint)Math.Max(0, skip);
            }
        }

        var packetTimestamp = timestamp;
        RtpHeaderView.WriteFixed(output, marker, outAudio, sequence++, packetTimestamp, Ssrc);
        marker = false;
        timestamp += (uint)((long)transcoder.LastEncodedSamples * outClock / encoderRate);
        lastEmit = arrival;
        PacketsSent++;
        sink.Send(output, HeaderLength + length);
        if (Injected is { } injected && outEvent >= 0)
        {
            while (injected.TryNext(arrival, packetTimestamp, out var e))
            {
                EmitEvent(e.Marker, e.Event, e.End, e.Timestamp, e.Duration, sink);
            }
        }
    }

    private void RegenerateEvent(ReadOnlySpan<byte> payload, uint inTimestamp, IRtpPacketSink sink)
    {
        var kind = detector.Observe(payload, inTimestamp);
        if (outEvent < 0 || kind is DtmfEventKind.Malformed or DtmfEventKind.DuplicateEnd)
        {
            return;
        }

        var end = (payload[1] & 0x80) != 0;
        if (kind == DtmfEventKind.Start)
        {
            eventTimestamp = timestamp;
        }

        var duration = TelephoneEventPayload.Scale((payload[2] << 8) | payload[3], inEventClock, outEventClock);
        var repeats = end ? EndRepeats : 1;
        for (var i = 0; i < repeats; i++)
        {
            EmitEvent(kind == DtmfEventKind.Start && i == 0, payload[0], end, eventTimestamp, duration, sink);
        }
    }

    private void EmitEvent(bool first, byte code, bool end, uint eventStart, ushort duration, IRtpPacketSink sink)
    {
        RtpHeaderView.WriteFixed(output, first, (byte)outEvent, sequence++, eventStart, Ssrc);
        TelephoneEventPayload.Write(output.AsSpan(HeaderLength), code, end, TelephoneEventPayload.DefaultVolume, duration);
        PacketsSent++;
        sink.Send(output, HeaderLength + TelephoneEventPayload.Length);
    }
}
