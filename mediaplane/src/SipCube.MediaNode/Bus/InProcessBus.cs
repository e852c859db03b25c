using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SipCube.Contracts.Bus;

namespace SipCube.MediaNode.Bus;

/// <summary>
/// The single box's bus: CDRs go straight to the local <see cref="ICdrHandler"/> (the control plane's
/// ingestion in the same process) and control messages to every local <see cref="IControlMessageHandler"/>.
/// Same contracts as the Service Bus adapter, so the outbox and the handlers do not know which one runs.
/// </summary>
internal sealed class InProcessBus(IServiceProvider services, ILogger<InProcessBus> logger) : ICdrSender, IControlPublisher
{
    /// <inheritdoc />
    public async Task SendAsync(BusMessage cdr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cdr);

        // Resolved per send: the handler lives in the control-plane composition, which may register
        // after the bus. Without one the CDR must stay in the outbox, so this throws.
        var handler = services.GetService<ICdrHandler>()
            ?? throw new InvalidOperationException("No ICdrHandler is registered: CDRs stay in the outbox.");
        var result = await handler.HandleAsync(cdr, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == CdrHandlingOutcome.Malformed)
        {
            // In-process there is no dead-letter queue; the log is the record of the dropped CDR.
            BusLog.CdrDeadLettered(logger, cdr.MessageId, result.Reason ?? "malformed");
        }
    }

    /// <inheritdoc />
    public async Task PublishAsync(ControlMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var handler in services.GetServices<IControlMessageHandler>())
        {
            try
            {
                await handler.HandleAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failing handler must not keep the message from the others; nothing redelivers in-process.
                BusLog.ControlHandlerFailed(logger, message.Id, handler.GetType().Name, ex);
            }
        }
    }
}
