using Microsoft.Extensions.Logging;
using SipCube.Azure.ServiceBus;
using SipCube.Contracts.Bus;
using SipCube.Contracts.Mappings;
using SipCube.ControlPlane.Mappings;

namespace SipCube.MediaNode.Bus;

/// <summary>
/// Passes <see cref="MappingChangedMessage"/> from the <c>control</c> topic to the node's mapping cache,
/// so a mapping edited on another node or in the control plane is reloaded from the store on next use; after a bus
/// outage (changes published meanwhile may be lost) every cached mapping is marked stale and reloads on its next use.
/// </summary>
internal sealed class MappingCacheInvalidator(IMappingLookup lookup, IMappingCacheControl cache, ILogger<MappingCacheInvalidator> logger)
    : IControlMessageHandler, IControlOutageHandler
{
    /// <inheritdoc />
    public Task HandleAsync(ControlMessage message, CancellationToken cancellationToken)
    {
        if (message is MappingChangedMessage changed)
        {
            lookup.Invalidate(changed.Change);
            BusLog.MappingInvalidated(logger, changed.Change.SipUri, changed.Change.Kind.ToString());
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ControlRestoredAsync(CancellationToken cancellationToken)
    {
        cache.MarkAllStale();
        return Task.CompletedTask;
    }
}
