using Azure.Messaging.ServiceBus;
using SipCube.Contracts.Bus;

namespace SipCube.Azure.ServiceBus;

/// <summary>
/// Sends CDRs to the <c>cdr</c> queue. MessageId is the CDR id, so the queue's duplicate detection
/// drops an outbox resend; <see cref="SendAsync"/> completes when the broker accepted the message.
/// The SDK retries transient failures itself (<see cref="ServiceBusOptions.MaxRetries"/>).
/// </summary>
public sealed class ServiceBusCdrSender(ServiceBusClient client, ServiceBusOptions options, ServiceBusTelemetry telemetry) : ICdrSender, IAsyncDisposable
{
    readonly ServiceBusSender sender = client.CreateSender(options.CdrQueue);

    /// <inheritdoc />
    public async Task SendAsync(BusMessage cdr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cdr);
        await sender.SendMessageAsync(BusMessageMapper.ToServiceBus(cdr), cancellationToken).ConfigureAwait(false);
        telemetry.Sent(options.CdrQueue);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => sender.DisposeAsync();
}
