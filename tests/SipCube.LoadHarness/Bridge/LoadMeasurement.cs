namespace SipCube.LoadHarness.Bridge;

/// <summary>The measurement window shared by every call: packets sent inside it are counted on both ends and their
/// round trips recorded.</summary>
internal sealed class LoadMeasurement
{
    private long windowStart = long.MaxValue;
    private long windowEnd = long.MinValue;
    private long foreignInWindow;

    /// <summary>Round trips (harness → node → SIPp echo → node → harness) of tagged packets sent in the window.</summary>
    public LatencyHistogram RoundTrips { get; } = new();

    /// <summary>Untagged (transcoded) packets that arrived inside the window.</summary>
    public long ForeignInWindow => Interlocked.Read(ref foreignInWindow);

    /// <summary>True when the Stopwatch timestamp <paramref name="ticks"/> is inside the open window.</summary>
    public bool InWindow(long ticks) => ticks >= Volatile.Read(ref windowStart) && ticks < Volatile.Read(ref windowEnd);

    /// <summary>Counts an untagged packet that arrived at <paramref name="ticks"/>.</summary>
    public void OnForeignPacket(long ticks)
    {
        if (InWindow(ticks))
        {
            Interlocked.Increment(ref foreignInWindow);
        }
    }

    /// <summary>Clears the samples and opens a window [start, end).</summary>
    public void Open(long start, long end)
    {
        RoundTrips.Reset();
        Interlocked.Exchange(ref foreignInWindow, 0);
        Volatile.Write(ref windowEnd, end);
        Volatile.Write(ref windowStart, start);
    }
}
