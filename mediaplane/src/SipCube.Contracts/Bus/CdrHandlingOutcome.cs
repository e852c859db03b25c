namespace SipCube.Contracts.Bus;

/// <summary>What happened to one CDR taken off the bus.</summary>
public enum CdrHandlingOutcome
{
    /// <summary>Stored for the first time.</summary>
    Stored,

    /// <summary>Already stored earlier (at-least-once delivery repeated it): nothing changed.</summary>
    Duplicate,

    /// <summary>Cannot ever be stored (bad JSON, missing fields): dead-letter it with the reason.</summary>
    Malformed,
}
