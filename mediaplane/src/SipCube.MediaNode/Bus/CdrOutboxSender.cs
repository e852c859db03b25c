using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SipCube.Contracts.Bus;

namespace SipCube.MediaNode.Bus;

/// <summary>
/// Sends the outbox to the bus in order, deleting each CDR only after <see cref="ICdrSender.SendAsync"/>
/// completed. On failure it backs off exponentially (on <see cref="TimeProvider"/>) and retries the same
/// CDR, so an outage delays CDRs but never loses or reorders them. At-least-once: a crash between the
/// bus ack and the delete resends one CDR, which the bus's duplicate detection and the idempotent
/// ingestion absorb.
/// </summary>
internal sealed class CdrOutboxSender(
    SqliteCdrOutbox outbox,
    ICdrSender sender,
    IOptions<CdrOutboxOptions> options,
    TimeProvider time,
    ILogger<CdrOutboxSender> logger) : BackgroundService
{
    static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(5);
    readonly CdrOutboxOptions settings = options.Value;

    // The background loop and a drain flush may run at once; one sender at a time keeps order and avoids double sends.
    readonly SemaphoreSlim sending = new(1, 1);
    int failures;

    /// <summary>Sends everything pending; false when <paramref name="cancellationToken"/> stopped it first (drain deadline).</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (outbox.Depth > 0)
            {
                await SendPendingAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            BusLog.OutboxFlushIncomplete(logger, outbox.Depth);
            return false;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        BusLog.OutboxOpened(logger, outbox.DatabasePath, outbox.Depth);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (outbox.Depth == 0)
                {
                    // The poll is a safety net only; a publish wakes the loop immediately.
                    await outbox.WaitForPublishAsync(IdlePoll, stoppingToken).ConfigureAwait(false);
                }

                await SendPendingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendBatchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            sending.Release();
        }
    }

    async Task SendBatchAsync(CancellationToken cancellationToken)
    {
        var batch = await outbox.ReadBatchAsync(settings.BatchSize, cancellationToken).ConfigureAwait(false);
        foreach (var entry in batch)
        {
            try
            {
                await sender.SendAsync(entry.Message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures++;
                var delay = RetryDelay(failures);
                BusLog.OutboxSendFailed(logger, entry.Message.MessageId, failures, delay, ex);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                return;
            }

            failures = 0;
            await outbox.DeleteAsync(entry.Sequence, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        sending.Dispose();
        base.Dispose();
    }

    TimeSpan RetryDelay(int failureCount)
    {
        var factor = Math.Pow(2, Math.Min(failureCount - 1, 16));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.MinRetryDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
        return delay;
    }
}
