namespace SipCube.Rtp.Rtcp;

/// <summary>
/// Per-source receive statistics for report blocks: extended highest sequence (with cycles), cumulative and
/// interval loss, fraction lost, interarrival jitter, and LSR/DLSR from the last SR received.
/// Arrival times come from the <see cref="TimeProvider"/>; the clock rate converts them to RTP units.
/// </summary>
/// <remarks>RFC 3550 §A.1 (sequence validation, without probation), §A.3 (loss), §A.8 (jitter), §6.4.1 (LSR/DLSR)</remarks>
public sealed class RtpReceiverStatistics
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private const uint SequenceModulus = 1 << 16;

    private readonly TimeProvider time;
    private readonly uint clockRate;
    private bool started;
    private ushort maxSequence;
    private uint cycles;
    private uint baseSequence;
    private uint badSequence = SequenceModulus + 1;
    private uint received;
    private uint expectedPrior;
    private uint receivedPrior;
    private double jitter;
    private long lastTransit;
    private bool haveTransit;
    private uint lastSenderReport;
    private long lastSenderReportArrival;

    /// <summary>Statistics for one SSRC whose RTP clock runs at <paramref name="clockRate"/> Hz.</summary>
    public RtpReceiverStatistics(uint ssrc, uint clockRate, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfZero(clockRate);
        Ssrc = ssrc;
        this.clockRate = clockRate;
        this.time = time;
    }

    /// <summary>The source these statistics describe.</summary>
    public uint Ssrc { get; }

    /// <summary>Packets received (duplicates included, as in §A.3).</summary>
    public uint PacketsReceived => received;

    /// <summary>Cycles (high 16 bits) || highest sequence number received.</summary>
    public uint ExtendedHighestSequence => cycles + maxSequence;

    /// <summary>Packets expected since the first one.</summary>
    public uint Expected => started ? ExtendedHighestSequence - baseSequence + 1 : 0;

    /// <summary>Cumulative packets lost (negative with duplicates).</summary>
    public int CumulativeLost => started ? (int)((long)Expected - received) : 0;

    /// <summary>Interarrival jitter in RTP timestamp units.</summary>
    public uint Jitter => (uint)jitter;

    /// <summary>Records one packet; false when the sequence jump is treated as a restart candidate (§A.1).</summary>
    public bool OnPacket(ushort sequence, uint rtpTimestamp)
    {
        long arrival = time.GetTimestamp();
        if (!started)
        {
            Restart(sequence);
            started = true;
        }
        else
        {
            ushort delta = (ushort)(sequence - maxSequence);
            if (delta < MaxDropout)
            {
                if (sequence < maxSequence)
                {
                    cycles += SequenceModulus;
                }

                maxSequence = sequence;
            }
            else if (delta <= SequenceModulus - MaxMisorder)
            {
                // A very large jump: accept only if the next packet continues from it (the source restarted).
                if (sequence == badSequence)
                {
                    Restart(sequence);
                }
                else
                {
                    badSequence = (uint)((sequence + 1) & (SequenceModulus - 1));
                    return false;
                }
            }
        }

        received++;
        UpdateJitter(rtpTimestamp, arrival);
        return true;
    }

    /// <summary>Remembers the middle 32 NTP bits of an SR from this source and when it arrived (for LSR/DLSR).</summary>
    public void OnSenderReport(ulong ntpTimestamp)
    {
        lastSenderReport = NtpTime.Middle(ntpTimestamp);
        lastSenderReportArrival = time.GetTimestamp();
    }

    /// <summary>A report block for now; advances the interval used for <see cref="ReceptionReport.FractionLost"/>.</summary>
    public ReceptionReport CreateReport()
    {
        uint expected = Expected;
        uint expectedInterval = expected - expectedPrior;
        uint receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = (long)expectedInterval - receivedInterval;
        byte fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);

        uint dlsr = 0;
        if (lastSenderReport != 0)
        {
            TimeSpan since = time.GetElapsedTime(lastSenderReportArrival);
            dlsr = (uint)Math.Min(uint.MaxValue, since.Ticks * 65536 / TimeSpan.TicksPerSecond);
        }

        return new ReceptionReport(Ssrc, fraction, CumulativeLost, ExtendedHighestSequence, Jitter, lastSenderReport, dlsr);
    }

    private void Restart(ushort sequence)
    {
        baseSequence = sequence;
        maxSequence = sequence;
        badSequence = SequenceModulus + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    // §A.8: J += (|D| - J) / 16 with D the difference of relative transit times, in RTP units.
    private void UpdateJitter(uint rtpTimestamp, long arrival)
    {
        long arrivalUnits = (long)((UInt128)(ulong)arrival * clockRate / (ulong)time.TimestampFrequency);
        long transit = (uint)arrivalUnits - (long)rtpTimestamp;
        if (haveTransit)
        {
            long d = Math.Abs((long)(int)(uint)(transit - lastTransit));
            jitter += (d - jitter) / 16.0;
        }

        lastTransit = transit;
        haveTransit = true;
    }
}
