namespace SipCube.Contracts.Bus;

/// <summary>Publishes a control message to every media node (topic <c>control</c>).</summary>
public interface IControlPublisher
{
    /// <summary>Publishes <paramref name="message"/>; completes once the bus accepted it.</summary>
    Task PublishAsync(ControlMessage message, CancellationToken cancellationToken);
}
