namespace SipCube.Media.Dtmf;

/// <summary>
/// Turns a digit signalled out of band (SIP INFO) into RFC 4733 event packets inside an RTP stream that is already
/// flowing: <see cref="Request"/> may be called from any thread; the stream's sending thread calls
/// <see cref="TryNext"/> after each audio packet it sends, so the event packets share that stream's SSRC and
/// sequence space without a lock. Each audio packet brings one update (marker on the first), and once the duration
/// has passed the End packet goes out three times. No allocation.
/// </summary>
/// <remarks>RFC 4733 §2.5.1.1 (marker, timestamp = event start), §2.5.1.2 (updates), §2.5.1.4 (three End packets).</remarks>
public sealed class TelephoneEventGenerator
{
    private const int EndRepeats = 3;
    private readonly int clockRate;
    private readonly long timestampFrequency;
    private long pending; // (event + 1) << 32 | duration in clock units; 0 when none
    private bool active;
    private bool first;
    private byte eventCode;
    private uint eventTimestamp;
    private long startTicks;
    private int targetDuration;
    private int endsLeft;
    private long lastUpdate = long.MinValue;

    /// <summary>Creates a generator for a stream whose RTP clock is <paramref name="clockRate"/>; arrival times are
    /// in ticks of <paramref name="timestampFrequency"/>.</summary>
    public TelephoneEventGenerator(int clockRate, long timestampFrequency)
    {
        this.clockRate = clockRate;
        this.timestampFrequency = timestampFrequency;
    }

    /// <summary>Digits requested so far.</summary>
    public long Requested { get; private set; }

    /// <summary>Asks for <paramref name="digit"/> lasting <paramref name="duration"/>; false for a non-DTMF symbol.
    /// A digit requested while another is still playing replaces the not-yet-started one.</summary>
    public bool Request(char digit, TimeSpan duration)
    {
        var code = TelephoneEventPayload.EventCode(digit);
        if (code < 0)
        {
            return false;
        }

        var samples = (long)Math.Clamp(duration.TotalSeconds * clockRate, clockRate / 25.0, ushort.MaxValue);
        Interlocked.Exchange(ref pending, ((long)(code + 1) << 32) | samples);
        Requested++;
        return true;
    }

    /// <summary>
    /// The next event packet to send after an audio packet with timestamp <paramref name="audioTimestamp"/>, if any.
    /// Call until it returns false. <paramref name="now"/> is in the generator's tick frequency.
    /// </summary>
    public bool TryNext(long now, uint audioTimestamp, out TelephoneEventPacket packet)
    {
        if (endsLeft > 0)
        {
            // The End packet's retransmissions go out back to back with the first one.
            endsLeft--;
            packet = new TelephoneEventPacket(false, eventCode, true, eventTimestamp, (ushort)targetDuration);
            return true;
        }

        if ((!active && !Begin(now, audioTimestamp)) || now == lastUpdate)
        {
            // One update per audio packet: a second call for the same packet has nothing new to say.
            packet = default;
            return false;
        }

        lastUpdate = now;
        var elapsed = (long)((double)(now - startTicks) / timestampFrequency * clockRate);
        if (elapsed >= targetDuration)
        {
            active = false;
            endsLeft = EndRepeats - 1;
            packet = new TelephoneEventPacket(first, eventCode, true, eventTimestamp, (ushort)targetDuration);
            return true;
        }

        packet = new TelephoneEventPacket(first, eventCode, false, eventTimestamp, (ushort)Math.Max(elapsed, 1));
        first = false;
        return true;
    }

    private bool Begin(long now, uint audioTimestamp)
    {
        var request = Interlocked.Exchange(ref pending, 0);
        if (request == 0)
        {
            return false;
        }

        active = true;
        first = true;
        lastUpdate = long.MinValue;
        eventCode = (byte)((request >> 32) - 1);
        targetDuration = (int)(request & 0xFFFF_FFFF);
        eventTimestamp = audioTimestamp;
        startTicks = now;
        return true;
    }
}
