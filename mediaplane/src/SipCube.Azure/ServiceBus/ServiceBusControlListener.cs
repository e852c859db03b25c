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
/// <remarks>
/// Outages: a receive error starts a probe (a peek on the subscription every
/// <see cref="ServiceBusOptions.OutageProbeInterval"/>); once it answers, every <see cref="IControlOutageHandler"/> is
/// told, because control messages sent meanwhile may be lost. The SDK's processor reconnects by itself.
/// </remarks>
public sealed class ServiceBusControlListener(
    ServiceBusClient client,
    ServiceBusOptions options,
    IEnumerable<IControlMessageHandler> handlers,
    ServiceBusTelemetry telemetry,
    ILogger<ServiceBusControlListener> logger,
    IEnumerable<IControlOutageHandler>? outageHandlers = null,
    TimeProvider? time = null) : IHostedService, IAsyncDisposable
{
    readonly IControlMessageHandler[] handlers = [.. handlers];
    readonly IControlOutageHandler[] outageHandlers = [.. outageHandlers ?? []];
    readonly TimeProvider time = time ?? TimeProvider.System;
    readonly CancellationTokenSource stopping = new();
    readonly Lock gate = new();
    int disposed;
    ServiceBusProcessor? processor;
    Task probe = Task.CompletedTask;
    bool inOutage;

    /// <summary>True from a receive error until a probe of the subscription succeeds.</summary>
    public bool InOutage
    {
        get
        {
            lock (gate)
            {
                return inOutage;
            }
        }
    }

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
        if (Volatile.Read(ref disposed) != 0)
        {
            // A host that is torn down before it stops (a failed test, a crashed start) disposes first: nothing is left.
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await probe.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (processor is not null)
        {
            await processor.StopProcessingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (!stopping.IsCancellationRequested)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
        }

        await probe.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (processor is not null)
        {
            await processor.DisposeAsync().ConfigureAwait(false);
        }

        stopping.Dispose();
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
        if (args.ErrorSource == ServiceBusErrorSource.Receive && !stopping.IsCancellationRequested)
        {
            lock (gate)
            {
                if (!inOutage)
                {
                    inOutage = true;
                    ServiceBusLog.ControlOutage(logger, options.ControlTopic, options.NodeId!);
                    probe = Task.Run(() => ProbeUntilRestoredAsync(stopping.Token));
                }
            }
        }

        return Task.CompletedTask;
    }

    async Task ProbeUntilRestoredAsync(CancellationToken cancellationToken)
    {
        await using var receiver = client.CreateReceiver(options.ControlTopic, options.NodeId!);
        while (true)
        {
            await Task.Delay(options.OutageProbeInterval, time, cancellationToken).ConfigureAwait(false);
            try
            {
                // A peek neither locks nor consumes: the processor still gets every message.
                await receiver.PeekMessageAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (ex is ServiceBusException or UnauthorizedAccessException or TimeoutException or IOException
                or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                // Still down: the next probe follows after the interval.
            }
        }

        lock (gate)
        {
            inOutage = false;
        }

        ServiceBusLog.ControlRestored(logger, options.ControlTopic, options.NodeId!);
        foreach (var handler in outageHandlers)
        {
            try
            {
                await handler.ControlRestoredAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ServiceBusLog.OutageHandlerFailed(logger, ex);
            }
        }
    }
}
