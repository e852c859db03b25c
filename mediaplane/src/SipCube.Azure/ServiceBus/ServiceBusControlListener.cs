using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SipCube.Contracts.Bus;

namespace SipCube.Azure.ServiceBus;

/// <summary>
/// Runs a <see cref="ServiceBusProcessor"/> on this node's subscription of the <c>control</c> topic
/// (peek-lock, the SDK renews locks while handlers run). Each message goes to every
/// <see cref="IControlMessageHandler"/>: all succeed -> complete; one throws -> abandon (redelivery,
/// dead-lettered by the broker after its max delivery count); not a control message -> dead-letter
/// with the reason.
/// </summary>
public sealed class ServiceBusControlListener(
    ServiceBusClient client,
    ServiceBusOptions options,
    IEnumerable<IControlMessageHandler> handlers,
    ServiceBusTelemetry telemetry,
    ILogger<ServiceBusControlListener> logger) : IHostedService, IAsyncDisposable
{
    readonly IControlMessageHandler[] handlers = [.. handlers];
    ServiceBusProcessor? processor;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var subscription = options.NodeId
            ?? throw new InvalidOperationException(ServiceBusOptions.SectionName + ":NodeId names this node's control subscription and is required.");
        processor = client.CreateProcessor(options.ControlTopic, subscription, new ServiceBusProcessorOptions
        {
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            AutoCompleteMessages = false,
            MaxConcurrentCalls = 1,
            MaxAutoLockRenewalDuration = options.MaxAutoLockRenewalDuration,
        });
        processor.ProcessMessageAsync += OnMessageAsync;
        processor.ProcessErrorAsync += OnErrorAsync;
        await processor.StartProcessingAsync(cancellationToken).ConfigureAwait(false);
        ServiceBusLog.ControlListening(logger, options.ControlTopic, subscription);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (processor is not null)
        {
            await processor.StopProcessingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (processor is not null)
        {
            await processor.DisposeAsync().ConfigureAwait(false);
        }
    }

    async Task OnMessageAsync(ProcessMessageEventArgs args)
    {
        var message = BusMessageMapper.FromServiceBus(args.Message);
        using var activity = BusMessageMapper.StartConsumerActivity("control process", message);
        if (!ControlMessageCodec.TryDecode(message, out var decoded, out var error))
        {
            ServiceBusLog.DeadLettered(logger, message.MessageId, options.ControlTopic, error!);
            await args.DeadLetterMessageAsync(args.Message, "MalformedControlMessage", error, args.CancellationToken).ConfigureAwait(false);
            telemetry.Settled(options.ControlTopic, "dead_lettered");
            return;
        }

        try
        {
            foreach (var handler in handlers)
            {
                await handler.HandleAsync(decoded!, args.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ServiceBusLog.Abandoned(logger, message.MessageId, options.ControlTopic, ex);
            await args.AbandonMessageAsync(args.Message, cancellationToken: args.CancellationToken).ConfigureAwait(false);
            telemetry.Settled(options.ControlTopic, "abandoned");
            return;
        }

        await args.CompleteMessageAsync(args.Message, args.CancellationToken).ConfigureAwait(false);
        telemetry.Settled(options.ControlTopic, "completed");
    }

    Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        ServiceBusLog.ProcessorError(logger, args.EntityPath, args.ErrorSource.ToString(), args.Exception);
        return Task.CompletedTask;
    }
}
