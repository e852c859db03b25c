namespace SipCube.Contracts.Bus;

/// <summary>
/// Where a call hands its finished CDR. The media node implements it with a durable local outbox:
/// once this returns the CDR survives a crash and is sent until the bus accepts it.
/// </summary>
public interface ICdrPublisher
{
    /// <summary>Stores the CDR for at-least-once delivery; <see cref="BusMessage.MessageId"/> must be the CDR id.</summary>
    ValueTask PublishAsync(BusMessage cdr, CancellationToken cancellationToken);
}
