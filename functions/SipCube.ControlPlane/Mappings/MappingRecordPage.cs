namespace SipCube.ControlPlane.Mappings;

/// <summary>One page of stored mappings, ordered by SIP URI.</summary>
internal sealed record MappingRecordPage(IReadOnlyList<MappingRecord> Items, string? ContinuationToken);
