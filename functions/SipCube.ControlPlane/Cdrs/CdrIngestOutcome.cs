namespace SipCube.ControlPlane.Cdrs;

/// <summary>What <see cref="CdrIngestion.IngestAsync"/> did with a record.</summary>
public enum CdrIngestOutcome
{
    /// <summary>Stored now.</summary>
    Stored = 1,

    /// <summary>A record with this call id was already stored; nothing changed (a redelivery).</summary>
    Duplicate = 2,

    /// <summary>Malformed; nothing stored. Dead-letter it with <see cref="CdrIngestResult.Reason"/>.</summary>
    Rejected = 3,
}
