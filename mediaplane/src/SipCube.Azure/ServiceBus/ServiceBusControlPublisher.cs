using Azure.Messaging.ServiceBus;
using SipCube.Contracts.Bus;

namespace SipCube.Azure.ServiceBus;

/// <summary>Publishes control messages to the <c>control</c> topic (every node's subscription gets a copy).</summary>
public sealed class ServiceBusControlPublisher(ServiceBusClient client, ServiceBusOptions options, ServiceBusTelemetry telemetry) : IControlPublisher, IAsyncDisposable
{
    readonly ServiceBusSender sender = client.CreateSender(options.ControlTopic);

    /// <inheritdoc />
    public async Task PublishAsync(ControlMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await sender.SendMessageAsync(BusMessageMapper.ToServiceBus(ControlMessageCodec.Encode(message)), cancellationToken).ConfigureAwait(false);
        telemetry.Sent(options.ControlTopic);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => sender.DisposeAsync();
}
