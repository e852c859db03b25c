using Microsoft.Extensions.Logging;
using SipCube.Contracts.Mappings;

namespace SipCube.ControlPlane.Mappings;

/// <summary>
/// In-process notification of mapping writes made through this process's API. The lookup cache listens here; the
/// bus adapter can listen too and forward <see cref="MappingChanged"/> to other nodes.
/// </summary>
public sealed class MappingChangeFeed(ILogger<MappingChangeFeed> logger)
{
    /// <summary>Raised after a mapping was written; handlers must be quick and must not throw.</summary>
    public event Action<MappingChanged>? Changed;

    internal void Publish(MappingChanged change)
    {
        var handlers = Changed;
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<MappingChanged>>())
        {
            try
            {
                handler(change);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One faulty listener must not fail the API call that already stored the change.
                ControlPlaneLog.ChangeListenerFailed(logger, ex);
            }
        }
    }
}
