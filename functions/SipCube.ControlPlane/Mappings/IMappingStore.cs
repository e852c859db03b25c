namespace SipCube.ControlPlane.Mappings;

/// <summary>
/// Durable mapping storage: SQLite on one box, Azure Table Storage in the cloud; both pass the same contract tests.
/// Keys are normalised SIP URIs (<see cref="SipAor"/>); ConnectyCube user ids are unique across mappings and
/// their secondary index is updated atomically with the mapping.
/// </summary>
internal interface IMappingStore
{
    Task<MappingRecord?> GetAsync(string sipUri, CancellationToken cancellationToken);

    Task<MappingRecord?> FindByConnectyCubeUserIdAsync(long connectyCubeUserId, CancellationToken cancellationToken);

    /// <summary>Inserts a new mapping; never overwrites.</summary>
    Task<MappingWriteOutcome> CreateAsync(MappingRecord record, CancellationToken cancellationToken);

    /// <summary>Replaces the mapping if its stored version equals <paramref name="expectedVersion"/> (or unconditionally when null).</summary>
    Task<MappingWriteOutcome> UpdateAsync(MappingRecord record, string? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes the mapping if its stored version equals <paramref name="expectedVersion"/> (or unconditionally when null).</summary>
    Task<MappingWriteOutcome> DeleteAsync(string sipUri, string? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Lists mappings in SIP URI order; the token is opaque and store-specific.</summary>
    Task<MappingRecordPage> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken);
}
