namespace SipCube.Contracts.Bus;

/// <summary>
/// The bus transport for CDRs (Service Bus queue <c>cdr</c>, or in-process straight to ingestion).
/// Used by the outbox, which deletes a CDR only after <see cref="SendAsync"/> completed.
/// </summary>
public interface ICdrSender
{
    /// <summary>Sends one CDR; completes only once the bus accepted it, throws when it did not.</summary>
    Task SendAsync(BusMessage cdr, CancellationToken cancellationToken);
}
