namespace SipCube.Contracts.Cdrs;

/// <summary>One page of <c>GET /api/cdrs</c>, newest first.</summary>
public sealed record CdrPage(IReadOnlyList<CallDetailRecord> Items, string? ContinuationToken);
