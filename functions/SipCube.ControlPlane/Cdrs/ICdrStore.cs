using SipCube.Contracts.Cdrs;

namespace SipCube.ControlPlane.Cdrs;

/// <summary>Durable CDR storage; one record per call id, written atomically (all or nothing).</summary>
internal interface ICdrStore
{
    /// <summary>Stores <paramref name="record"/> unless its call id exists; returns false for a duplicate.</summary>
    Task<bool> TryAddAsync(CallDetailRecord record, CancellationToken cancellationToken);

    Task<CallDetailRecord?> GetAsync(string callId, CancellationToken cancellationToken);

    /// <summary>Records matching <paramref name="query"/>, newest <see cref="CallDetailRecord.StartUtc"/> first.</summary>
    Task<CdrPage> QueryAsync(CdrQuery query, CancellationToken cancellationToken);
}
