namespace SipCube.Contracts.Bus;

/// <summary>
/// Consumes one CDR from the bus (the control plane's idempotent ingestion behind it). The caller
/// completes the bus message on <see cref="CdrHandlingOutcome.Stored"/> and
/// <see cref="CdrHandlingOutcome.Duplicate"/>, dead-letters it on
/// <see cref="CdrHandlingOutcome.Malformed"/>, and abandons it (redelivery) when this throws.
/// </summary>
public interface ICdrHandler
{
    /// <summary>Stores the CDR carried by <paramref name="cdr"/>.</summary>
    Task<CdrHandlingResult> HandleAsync(BusMessage cdr, CancellationToken cancellationToken);
}
