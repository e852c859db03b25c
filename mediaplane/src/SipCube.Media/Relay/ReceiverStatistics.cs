namespace SipCube.Media.Relay;

/// <summary>
/// Receive statistics of one leg: sequence tracking with probation, cumulative loss and interarrival jitter. A new
/// SSRC (re-INVITE, fork switch, resume) restarts tracking; totals carry over so the leg's counts stay monotonic.
/// SipCube.Rtp's receiver statistics will replace the per-source part once they land.
/// </summary>
/// <remarks>RFC 3550 Appendix A.1 (update_seq, MAX_DROPOUT 3000, MAX_MISORDER 100, MIN_SEQUENTIAL 2), §6.4.1 and
/// Appendix A.3 (expected, lost), Appendix A.8 (jitter J += (|D| - J) / 16).</remarks>
public sealed class ReceiverStatistics
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private const int MinSequential = 2;
    private const uint SequenceModulo = 1 << 16;

    private readonly double timestampFrequency;
    private bool hasSource;
    private uint ssrc;
    private ushort maxSeq;
    private uint cycles;
    private uint baseSeq;
    private uint badSeq = SequenceModulo + 1;
    private int probation;
    private long sourceReceived;
    private long carriedReceived;
    private long carriedLost;
    private bool hasTransit;
    private int lastTransit;
    private double jitter;
    private int clockRate = 8000;

    /// <summary>Creates statistics for arrival times in ticks of <paramref name="timestampFrequency"/> per second
    /// (<see cref="TimeProvider.TimestampFrequency"/>).</summary>
    public ReceiverStatistics(long timestampFrequency) => this.timestampFrequency = timestampFrequency;

    /// <summary>Packets received (valid and counted), all sources.</summary>
    public long PacketsReceived => carriedReceived + sourceReceived;

    /// <summary>Cumulative lost (expected - received, never negative), all sources.</summary>
    public long PacketsLost => carriedLost + CurrentLost;

    /// <summary>Interarrival jitter of the current source in milliseconds.</summary>
    public double JitterMs => jitter * 1000.0 / clockRate;

    /// <summary>Extended highest sequence number received from the current source.</summary>
    public uint ExtendedHighestSequence => cycles + maxSeq;

    /// <summary>The arrival timestamp of the last counted packet; 0 if none.</summary>
    public long LastArrival { get; private set; }

    private long CurrentLost
    {
        get
        {
            if (!hasSource || probation > 0)
            {
                return 0;
            }

            var expected = (long)ExtendedHighestSequence - baseSeq + 1;
            return Math.Max(0, expected - sourceReceived);
        }
    }

    /// <summary>Counts one packet. Returns false when it is rejected (probation, or a jump beyond the dropout
    /// window that has not been confirmed by a second packet).</summary>
    public bool Update(uint packetSsrc, ushort seq, uint rtpTimestamp, long arrival, int packetClockRate)
    {
        if (!hasSource || packetSsrc != ssrc)
        {
            StartSource(packetSsrc, seq);
        }

        if (!UpdateSequence(seq))
        {
            return false;
        }

        sourceReceived++;
        LastArrival = arrival;
        UpdateJitter(rtpTimestamp, arrival, packetClockRate);
        return true;
    }

    private void StartSource(uint packetSsrc, ushort seq)
    {
        carriedReceived += sourceReceived;
        carriedLost += CurrentLost;
        hasSource = true;
        ssrc = packetSsrc;
        sourceReceived = 0;
        hasTransit = false;
        jitter = 0;
        InitSequence(seq);
        maxSeq = (ushort)(seq - 1);
        probation = MinSequential;
    }

    private void InitSequence(ushort seq)
    {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SequenceModulo + 1;
        cycles = 0;
    }

    /// <summary>RFC 3550 Appendix A.1 update_seq.</summary>
    private bool UpdateSequence(ushort seq)
    {
        var delta = (ushort)(seq - maxSeq);
        if (probation > 0)
        {
            if (seq == (ushort)(maxSeq + 1))
            {
                probation--;
                maxSeq = seq;
                if (probation == 0)
                {
                    InitSequence(seq);
                    baseSeq = (ushort)(seq - MinSequential + 1);
                    sourceReceived = MinSequential - 1;
                    return true;
                }
            }
            else
            {
                probation = MinSequential - 1;
                maxSeq = seq;
            }

            return false;
        }

        if (delta < MaxDropout)
        {
            if (seq < maxSeq)
            {
                cycles += SequenceModulo;
            }

            maxSeq = seq;
        }
        else if (delta <= SequenceModulo - MaxMisorder)
        {
            if (seq == badSeq)
            {
                // Two sequential packets after a big jump: the source restarted without changing SSRC.
                carriedReceived += sourceReceived;
                carriedLost += CurrentLost;
                InitSequence(seq);
                sourceReceived = 0;
            }
            else
            {
                badSeq = (uint)((seq + 1) & (SequenceModulo - 1));
                return false;
            }
        }

        return true;
    }

    private void UpdateJitter(uint rtpTimestamp, long arrival, int packetClockRate)
    {
        if (packetClockRate <= 0)
        {
            return;
        }

        clockRate = packetClockRate;
        var arrivalUnits = (uint)(long)(arrival * (packetClockRate / timestampFrequency));
        var transit = (int)(arrivalUnits - rtpTimestamp);
        if (hasTransit)
        {
            var d = Math.Abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }

        hasTransit = true;
        lastTransit = transit;
    }
}
