namespace SipCube.ControlPlane.Cdrs;

/// <summary>Outcome of ingesting one CDR, with the reason when rejected.</summary>
public readonly record struct CdrIngestResult(CdrIngestOutcome Outcome, string? Reason)
{
    /// <summary>True for <see cref="CdrIngestOutcome.Stored"/> and <see cref="CdrIngestOutcome.Duplicate"/>: settle the message.</summary>
    public bool IsSettled => Outcome is CdrIngestOutcome.Stored or CdrIngestOutcome.Duplicate;
}
