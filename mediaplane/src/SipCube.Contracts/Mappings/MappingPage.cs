namespace SipCube.Contracts.Mappings;

/// <summary>One page of <c>GET /api/mappings</c>; pass <see cref="ContinuationToken"/> back to get the next.</summary>
public sealed record MappingPage(IReadOnlyList<MappingResource> Items, string? ContinuationToken);
