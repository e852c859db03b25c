using System.Diagnostics;

namespace SipCube.LoadHarness.Bridge;

/// <summary>A lock-free histogram of durations in 10 µs buckets up to 2 s (longer ones land in the last bucket).</summary>
internal sealed class LatencyHistogram
{
    private const int BucketMicros = 10;
    private const int Buckets = 200_000;
    private readonly long[] counts = new long[Buckets];
    private long total;

    /// <summary>Samples recorded.</summary>
    public long Count => Interlocked.Read(ref total);

    /// <summary>Records a duration in Stopwatch ticks.</summary>
    public void Add(long ticks)
    {
        var micros = ticks * 1_000_000 / Stopwatch.Frequency;
        var bucket = (int)Math.Clamp(micros / BucketMicros, 0, Buckets - 1);
        Interlocked.Increment(ref counts[bucket]);
        Interlocked.Increment(ref total);
    }

    /// <summary>The duration (µs, bucket upper edge) below which <paramref name="fraction"/> of samples fall; NaN
    /// without samples.</summary>
    public double PercentileMicros(double fraction)
    {
        var n = Count;
        if (n == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(fraction * n);
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += Interlocked.Read(ref counts[i]);
            if (seen >= rank)
            {
                return (i + 1) * BucketMicros;
            }
        }

        return Buckets * BucketMicros;
    }

    /// <summary>Forgets every sample.</summary>
    public void Reset()
    {
        Array.Clear(counts);
        Interlocked.Exchange(ref total, 0);
    }
}
