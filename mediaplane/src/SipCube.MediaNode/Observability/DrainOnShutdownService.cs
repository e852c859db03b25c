using Microsoft.Extensions.Options;
using SipCube.MediaNode.Bus;

namespace SipCube.MediaNode.Observability;

/// <summary>
/// Graceful stop (SIGTERM -> host shutdown): marks the node draining (readiness fails, admission answers
/// 503), waits for live calls to end up to <see cref="DrainOptions.CallDeadline"/>, then flushes the CDR
/// outbox up to <see cref="DrainOptions.OutboxFlushDeadline"/>; what is not flushed stays on disk and is
/// sent after the next start. It runs in <see cref="IHostedLifecycleService.StoppingAsync"/>, which the host
/// calls before any hosted service's StopAsync, so SIP and the bus are still up while calls finish.
/// </summary>
internal sealed class DrainOnShutdownService(
    NodeDrainState state,
    IEnumerable<IActiveCallCounter> counters,
    CdrOutboxSender outbox,
    IOptions<DrainOptions> options,
    TimeProvider time,
    ILogger<DrainOnShutdownService> logger) : IHostedLifecycleService
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    readonly IActiveCallCounter[] counters = [.. counters];

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        state.BeginDrain();
        foreach (var counter in counters)
        {
            counter.StopAccepting();
        }

        var settings = options.Value;
        DrainLog.Started(logger, settings.CallDeadline, LiveCalls());
        var callsDone = time.GetUtcNow() + settings.CallDeadline;
        try
        {
            while (LiveCalls() > 0 && time.GetUtcNow() < callsDone)
            {
                await Task.Delay(Poll, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The host's own shutdown timeout won; still try to flush below.
        }

        if (LiveCalls() > 0)
        {
            // Cut what is left ourselves rather than letting shutdown kill it: each call then still gets its CDR.
            DrainLog.CallsLeft(logger, LiveCalls());
            using var endDeadline = new CancellationTokenSource(settings.OutboxFlushDeadline, time);
            try
            {
                await Task.WhenAll(counters.Select(c => c.EndAllAsync(endDeadline.Token))).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Calls that would not end in time lose only their CDR's timeliness; the outbox flush below still runs.
            }
        }

        using var flushDeadline = new CancellationTokenSource(settings.OutboxFlushDeadline, time);
        var flushed = await outbox.FlushAsync(flushDeadline.Token).ConfigureAwait(false);
        DrainLog.Finished(logger, flushed);
    }

    int LiveCalls() => counters.Sum(c => c.ActiveCalls);
}
