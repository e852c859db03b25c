using System.Collections.Concurrent;
using SipCube.Contracts.Bus;

namespace SipCube.MediaNode.Tests.Bus;

/// <summary>An <see cref="ICdrSender"/> that records accepted CDRs and fails while <see cref="Down"/> is set.</summary>
internal sealed class RecordingCdrSender : ICdrSender
{
    readonly ConcurrentQueue<BusMessage> accepted = new();
    readonly SemaphoreSlim signal = new(0, int.MaxValue);

    public volatile bool Down;

    public int Attempts;

    public IReadOnlyList<BusMessage> Accepted => accepted.ToArray();

    public Task SendAsync(BusMessage cdr, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Attempts);
        if (Down)
        {
            throw new InvalidOperationException("bus down");
        }

        accepted.Enqueue(cdr);
        signal.Release();
        return Task.CompletedTask;
    }

    public async Task WaitForCountAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (accepted.Count < count)
        {
            await signal.WaitAsync(cts.Token);
        }
    }
}
