namespace SipCube.Contracts.Bus;

/// <summary>
/// A media-node component that reacts to control messages (mapping cache invalidation, forced logout,
/// drain). Register any number in DI; the bus adapter calls each one. A throw makes the bus redeliver.
/// </summary>
public interface IControlMessageHandler
{
    /// <summary>Reacts to one control message; must be idempotent (delivery is at-least-once).</summary>
    Task HandleAsync(ControlMessage message, CancellationToken cancellationToken);
}
