namespace SipCube.Azure.ServiceBus;

/// <summary>
/// Told when this node's <c>control</c> subscription is reachable again after an outage. Control messages published
/// while the bus was down may never arrive (a publisher that gave up, a message that expired), so whatever they would
/// have invalidated must be rechecked against its source of truth.
/// </summary>
public interface IControlOutageHandler
{
    /// <summary>The subscription answered again after receive errors.</summary>
    Task ControlRestoredAsync(CancellationToken cancellationToken);
}
