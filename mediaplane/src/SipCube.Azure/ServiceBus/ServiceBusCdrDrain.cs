using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using SipCube.Contracts.Bus;

namespace SipCube.Azure.ServiceBus;

/// <summary>
/// Drains the <c>cdr</c> queue in peek-lock batches into an <see cref="ICdrHandler"/> (the timer-triggered
/// CdrIngest: the isolated worker's Service Bus trigger is not available). Each CDR is completed after it
/// is stored (or found already stored), dead-lettered with the reason when malformed, abandoned when
/// storing threw (which also ends the run). A new batch starts only while the time left exceeds <see cref="SafetyMargin"/>, so a
/// batch never outlives the function's budget and no lock lapses mid-batch.
/// </summary>
public sealed class ServiceBusCdrDrain(ServiceBusClient client, ServiceBusOptions options, ServiceBusTelemetry telemetry, TimeProvider time, ILogger<ServiceBusCdrDrain> logger)
{
    /// <summary>Time kept back from the budget for the last batch's settlements.</summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>CDRs per receive call.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>How long one receive call waits for the first message.</summary>
    public TimeSpan ReceiveWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Drains until the queue is empty or the budget (minus the margin) is used up.</summary>
    public async Task<CdrDrainResult> DrainAsync(ICdrHandler handler, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var deadline = time.GetUtcNow() + budget - SafetyMargin;
        int stored = 0, duplicates = 0, deadLettered = 0, abandoned = 0;
        await using var receiver = client.CreateReceiver(options.CdrQueue, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.PeekLock });
        while (time.GetUtcNow() < deadline && !cancellationToken.IsCancellationRequested)
        {
            var batch = await receiver.ReceiveMessagesAsync(BatchSize, ReceiveWait, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                break;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                var received = batch[i];
                var cdr = BusMessageMapper.FromServiceBus(received);
                using var activity = BusMessageMapper.StartConsumerActivity("cdr ingest", cdr);
                CdrHandlingResult result;
                try
                {
                    result = await handler.HandleAsync(cdr, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Storage is failing: hand this and the rest of the batch back and end the run, so the
                    // next timer tick retries instead of this run burning the delivery count in a loop.
                    ServiceBusLog.Abandoned(logger, cdr.MessageId, options.CdrQueue, ex);
                    for (var j = i; j < batch.Count; j++)
                    {
                        await receiver.AbandonMessageAsync(batch[j], cancellationToken: cancellationToken).ConfigureAwait(false);
                        telemetry.Settled(options.CdrQueue, "abandoned");
                        abandoned++;
                    }

                    ServiceBusLog.DrainFinished(logger, stored, duplicates, deadLettered, abandoned);
                    return new CdrDrainResult(stored, duplicates, deadLettered, abandoned);
                }

                switch (result.Outcome)
                {
                    case CdrHandlingOutcome.Malformed:
                        ServiceBusLog.DeadLettered(logger, cdr.MessageId, options.CdrQueue, result.Reason ?? "malformed");
                        await receiver.DeadLetterMessageAsync(received, "MalformedCdr", result.Reason, cancellationToken).ConfigureAwait(false);
                        telemetry.Settled(options.CdrQueue, "dead_lettered");
                        deadLettered++;
                        break;
                    case CdrHandlingOutcome.Duplicate:
                        await receiver.CompleteMessageAsync(received, cancellationToken).ConfigureAwait(false);
                        telemetry.Settled(options.CdrQueue, "duplicate");
                        duplicates++;
                        break;
                    default:
                        await receiver.CompleteMessageAsync(received, cancellationToken).ConfigureAwait(false);
                        telemetry.Settled(options.CdrQueue, "completed");
                        stored++;
                        break;
                }
            }
        }

        ServiceBusLog.DrainFinished(logger, stored, duplicates, deadLettered, abandoned);
        return new CdrDrainResult(stored, duplicates, deadLettered, abandoned);
    }
}
