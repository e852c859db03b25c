using Microsoft.Extensions.Logging;
using SipCube.Contracts.Bus;
using SipCube.Contracts.Mappings;

namespace SipCube.MediaNode.Bus;

/// <summary>
/// Passes <see cref="MappingChangedMessage"/> from the <c>control</c> topic to the node's mapping cache,
/// so a mapping edited on another node or in the control plane is reloaded from the store on next use.
/// </summary>
internal sealed class MappingCacheInvalidator(IMappingLookup lookup, ILogger<MappingCacheInvalidator> logger) : IControlMessageHandler
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
}
