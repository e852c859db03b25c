namespace SipCube.Azure.ServiceBus;

/// <summary>What one <see cref="ServiceBusCdrDrain.DrainAsync"/> run did.</summary>
/// <param name="Stored">CDRs stored for the first time.</param>
/// <param name="Duplicates">CDRs that were already stored (redelivery or resend).</param>
/// <param name="DeadLettered">Malformed CDRs moved to the dead-letter queue.</param>
/// <param name="Abandoned">CDRs whose storing failed; the broker redelivers them.</param>
public readonly record struct CdrDrainResult(int Stored, int Duplicates, int DeadLettered, int Abandoned);
