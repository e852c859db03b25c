namespace SipCube.Contracts.Bus;

/// <summary>Result of <see cref="ICdrHandler.HandleAsync"/>; a reason accompanies <see cref="CdrHandlingOutcome.Malformed"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">Why a CDR was malformed (short, no peer secrets).</param>
public readonly record struct CdrHandlingResult(CdrHandlingOutcome Outcome, string? Reason)
{
    /// <summary>Stored for the first time.</summary>
    public static CdrHandlingResult Stored => new(CdrHandlingOutcome.Stored, null);

    /// <summary>Already stored.</summary>
    public static CdrHandlingResult Duplicate => new(CdrHandlingOutcome.Duplicate, null);

    /// <summary>Cannot be stored, with the reason that goes into the dead-letter queue.</summary>
    public static CdrHandlingResult Malformed(string reason) => new(CdrHandlingOutcome.Malformed, reason);
}
