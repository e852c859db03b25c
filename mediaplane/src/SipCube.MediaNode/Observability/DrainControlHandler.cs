using SipCube.Contracts.Bus;

namespace SipCube.MediaNode.Observability;

/// <summary>A <see cref="DrainMessage"/> for this node (or all nodes) stops the host, which drains on the way out.</summary>
internal sealed class DrainControlHandler(IHostApplicationLifetime lifetime, string? nodeId, ILogger<DrainControlHandler> logger) : IControlMessageHandler
{
    public Task HandleAsync(ControlMessage message, CancellationToken cancellationToken)
    {
        if (message is DrainMessage drain && (drain.NodeId is null || string.Equals(drain.NodeId, nodeId, StringComparison.OrdinalIgnoreCase)))
        {
            DrainLog.Requested(logger);
            lifetime.StopApplication();
        }

        return Task.CompletedTask;
    }
}
