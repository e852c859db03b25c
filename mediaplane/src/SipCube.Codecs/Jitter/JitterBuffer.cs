namespace SipCube.Codecs.Jitter;

/// <summary>
/// Adaptive jitter buffer for the decode side of a transcoded leg. Packets are pushed as they arrive and ordered by RTP
/// sequence number; the playout side pops one frame per tick. Late packets (already played or concealed) and duplicates
/// are dropped, a gap with later packets present yields a concealment request, and the target delay follows the RFC 3550
/// interarrival jitter estimate: playout starts once the first packet has waited the target delay, and when more than
/// the target is queued the oldest frame is skipped to bring latency back down. Pure logic over a <see cref="TimeProvider"/>;
/// no allocation after construction. Not thread-safe.
/// </summary>
/// <remarks>RFC 3550 §5.1 (sequence ordering), §6.4.1 and §A.8 (interarrival jitter).</remarks>
public sealed class JitterBuffer
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private readonly TimeProvider time;
    private readonly JitterBufferOptions options;
    private readonly int mask;
    private readonly bool[] occupied;
    private readonly ushort[] sequences;
    private readonly uint[] timestamps;
    private readonly int[] lengths;
    private readonly byte[] payloads;
    private ushort next;
    private bool haveNext;
    private bool playing;
    private long firstArrival;
    private int count;
    private bool haveTransit;
    private long lastTransit;
    private double jitter;
    private ushort newest;

    /// <summary>Creates an empty buffer.</summary>
    public JitterBuffer(TimeProvider time, JitterBufferOptions options)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Capacity < 4 || (options.Capacity & (options.Capacity - 1)) != 0 || options.Capacity > 4096)
        {
            throw new ArgumentException("capacity must be a power of two between 4 and 4096", nameof(options));
        }

        this.time = time;
        this.options = options;
        mask = options.Capacity - 1;
        occupied = new bool[options.Capacity];
        sequences = new ushort[options.Capacity];
        timestamps = new uint[options.Capacity];
        lengths = new int[options.Capacity];
        payloads = new byte[options.Capacity * options.MaxPayloadBytes];
    }

    /// <summary>Interarrival jitter estimate (RFC 3550 §A.8) in RTP timestamp units.</summary>
    public double Jitter => jitter;

    /// <summary>Current target playout delay: one frame plus three times the jitter, within the configured bounds.</summary>
    public TimeSpan TargetDelay
    {
        get
        {
            var target = options.FrameDuration + TimeSpan.FromSeconds(3 * jitter / options.ClockRate);
            return target < options.EffectiveMinDelay ? options.EffectiveMinDelay
                : target > options.EffectiveMaxDelay ? options.EffectiveMaxDelay : target;
        }
    }

    /// <summary>Packets currently buffered.</summary>
    public int Count => count;

    /// <summary>Packets dropped as late.</summary>
    public long LateCount { get; private set; }

    /// <summary>Packets dropped as duplicates.</summary>
    public long DuplicateCount { get; private set; }

    /// <summary>Concealment requests issued for gaps.</summary>
    public long ConcealCount { get; private set; }

    /// <summary>Frames skipped to shrink the delay back to the target.</summary>
    public long SkippedCount { get; private set; }

    /// <summary>Stores one received packet.</summary>
    public JitterPushResult Push(ushort sequence, uint timestamp, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > options.MaxPayloadBytes)
        {
            return JitterPushResult.TooLarge;
        }

        var now = time.GetTimestamp();
        UpdateJitter(now, timestamp);
        var result = JitterPushResult.Accepted;
        if (!haveNext)
        {
            next = sequence;
            haveNext = true;
            firstArrival = now;
        }
        else
        {
            var ahead = (short)(ushort)(sequence - next);
            if (ahead > MaxDropout || ahead < -MaxMisorder)
            {
                // RFC 3550 §A.1: a jump this large is a new stream, not reordering.
                Flush();
                next = sequence;
                haveNext = true;
                firstArrival = now;
                result = JitterPushResult.Restarted;
            }
            else if (ahead < 0)
            {
                if (playing || !FitsBefore(sequence))
                {
                    LateCount++;
                    return JitterPushResult.Late;
                }

                next = sequence; // still buffering: an earlier packet arrived late, start playout from it
            }
            else if (ahead >= options.Capacity)
            {
                // More than the buffer spans is queued: give up the oldest frames so this one fits, keeping order.
                while ((short)(ushort)(sequence - next) >= options.Capacity)
                {
                    RemoveNext();
                }
            }
        }

        var slot = sequence & mask;
        if (occupied[slot])
        {
            if (sequences[slot] == sequence)
            {
                DuplicateCount++;
                return JitterPushResult.Duplicate;
            }

            // A stale packet from a capacity ago still occupies the slot: the new one wins.
            count--;
        }

        if (count == 0 || (short)(ushort)(sequence - newest) > 0)
        {
            newest = sequence;
        }

        occupied[slot] = true;
        sequences[slot] = sequence;
        timestamps[slot] = timestamp;
        lengths[slot] = payload.Length;
        payload.CopyTo(payloads.AsSpan(slot * options.MaxPayloadBytes, options.MaxPayloadBytes));
        count++;
        return result;
    }

    /// <summary>
    /// One playout tick: copies the next packet's payload into <paramref name="payload"/> (at least
    /// <see cref="JitterBufferOptions.MaxPayloadBytes"/> long) or says to conceal, wait, or that the buffer ran dry.
    /// </summary>
    public JitterFrame Pop(Span<byte> payload)
    {
        if (!haveNext || count == 0)
        {
            return new JitterFrame(playing ? JitterFrameKind.Underrun : JitterFrameKind.Buffering, 0, next, 0);
        }

        if (!playing)
        {
            if (time.GetElapsedTime(firstArrival) < TargetDelay)
            {
                return new JitterFrame(JitterFrameKind.Buffering, 0, next, 0);
            }

            playing = true;
        }

        // Too much queued beyond the target: skip the oldest frame so latency shrinks again.
        var targetFrames = (int)Math.Ceiling(TargetDelay / options.FrameDuration);
        if (count > targetFrames + 2)
        {
            SkipOldest();
        }

        var slot = next & mask;
        var sequence = next;
        next++;
        if (occupied[slot] && sequences[slot] == sequence)
        {
            occupied[slot] = false;
            count--;
            var length = lengths[slot];
            payloads.AsSpan(slot * options.MaxPayloadBytes, length).CopyTo(payload);
            return new JitterFrame(JitterFrameKind.Frame, length, sequence, timestamps[slot]);
        }

        ConcealCount++;
        return new JitterFrame(JitterFrameKind.Conceal, 0, sequence, 0);
    }

    /// <summary>
    /// Playout driven by arrivals instead of a clock (a relay that re-encodes for a receiver with its own jitter
    /// buffer): the next packet when it is here; a concealment request when it is missing and at least
    /// <paramref name="revealDepth"/> later packets have arrived (it is then lost or too late to matter); otherwise
    /// <see cref="JitterFrameKind.Buffering"/>. No target delay and no skipping: ordering and loss repair only.
    /// </summary>
    public JitterFrame PopReady(Span<byte> payload, int revealDepth)
    {
        if (!haveNext || count == 0)
        {
            return new JitterFrame(JitterFrameKind.Buffering, 0, next, 0);
        }

        playing = true;
        var slot = next & mask;
        var sequence = next;
        if (occupied[slot] && sequences[slot] == sequence)
        {
            next++;
            occupied[slot] = false;
            count--;
            var length = lengths[slot];
            payloads.AsSpan(slot * options.MaxPayloadBytes, length).CopyTo(payload);
            return new JitterFrame(JitterFrameKind.Frame, length, sequence, timestamps[slot]);
        }

        if ((ushort)(newest - sequence) < revealDepth)
        {
            return new JitterFrame(JitterFrameKind.Buffering, 0, sequence, 0);
        }

        next++;
        ConcealCount++;
        return new JitterFrame(JitterFrameKind.Conceal, 0, sequence, 0);
    }

    private bool FitsBefore(ushort sequence)
    {
        // Moving the start earlier must not push the newest buffered packet out of the window.
        for (var i = options.Capacity - 1; i >= 0; i--)
        {
            var candidate = (ushort)(next + i);
            if (occupied[candidate & mask] && sequences[candidate & mask] == candidate)
            {
                return (ushort)(candidate - sequence) < options.Capacity;
            }
        }

        return true;
    }

    private void SkipOldest()
    {
        for (var i = 0; i < options.Capacity; i++)
        {
            if (RemoveNext())
            {
                return;
            }
        }
    }

    private bool RemoveNext()
    {
        var slot = next & mask;
        var present = occupied[slot] && sequences[slot] == next;
        next++;
        if (present)
        {
            occupied[slot] = false;
            count--;
            SkippedCount++;
        }

        return present;
    }

    private void Flush()
    {
        Array.Clear(occupied);
        count = 0;
        playing = false;
        haveNext = false;
    }

    private void UpdateJitter(long now, uint timestamp)
    {
        // RFC 3550 §A.8: transit time in RTP units; J += (|D| - J) / 16.
        var arrival = (long)((double)now / time.TimestampFrequency * options.ClockRate);
        var transit = arrival - timestamp;
        if (haveTransit)
        {
            var d = Math.Abs(transit - lastTransit);
            if (d < options.ClockRate * 10L)
            {
                jitter += (d - jitter) / 16.0;
            }
        }

        lastTransit = transit;
        haveTransit = true;
    }
}
