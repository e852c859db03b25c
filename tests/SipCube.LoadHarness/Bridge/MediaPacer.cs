using System.Diagnostics;

namespace SipCube.LoadHarness.Bridge;

/// <summary>
/// One thread that sends for every call: each sweep gives every call a <see cref="LoadCall.Tick"/>, then sleeps about
/// 1 ms. Calls' frames are spread over the 20 ms period, so the node sees a steady packet rate rather than bursts.
/// Records how late frames left, which tells whether the harness itself kept up.
/// </summary>
internal sealed class MediaPacer : IDisposable
{
    private static readonly long LateThreshold = Stopwatch.Frequency / 500;
    private readonly Lock gate = new();
    private readonly Thread thread;
    private readonly CancellationTokenSource stop = new();
    private LoadCall[] calls = [];
    private long lateFrames;
    private long frames;

    public MediaPacer()
    {
        thread = new Thread(Run) { IsBackground = true, Name = "media-pacer", Priority = ThreadPriority.AboveNormal };
        thread.Start();
    }

    /// <summary>Frames sent more than 2 ms after their due time.</summary>
    public long LateFrames => Interlocked.Read(ref lateFrames);

    /// <summary>Frames sent.</summary>
    public long Frames => Interlocked.Read(ref frames);

    public void Add(LoadCall call)
    {
        lock (gate)
        {
            calls = [.. calls, call];
        }
    }

    public void Remove(LoadCall call)
    {
        lock (gate)
        {
            calls = calls.Where(c => c != call).ToArray();
        }
    }

    /// <summary>Zeroes the lateness counters.</summary>
    public void ResetCounters()
    {
        Interlocked.Exchange(ref lateFrames, 0);
        Interlocked.Exchange(ref frames, 0);
    }

    public void Dispose()
    {
        stop.Cancel();
        thread.Join(TimeSpan.FromSeconds(2));
        stop.Dispose();
    }

    private void Run()
    {
        while (!stop.IsCancellationRequested)
        {
            var snapshot = Volatile.Read(ref calls);
            long sent = 0, late = 0;
            foreach (var call in snapshot)
            {
                long lateness;
                try
                {
                    lateness = call.Tick(Stopwatch.GetTimestamp());
                }
                catch (ObjectDisposedException)
                {
                    // The call ended while this sweep still held it.
                    continue;
                }

                if (lateness >= 0)
                {
                    sent++;
                }

                if (lateness > LateThreshold)
                {
                    late++;
                }
            }

            if (late > 0)
            {
                Interlocked.Add(ref lateFrames, late);
            }

            Interlocked.Add(ref frames, sent);
            Thread.Sleep(1);
        }
    }
}
