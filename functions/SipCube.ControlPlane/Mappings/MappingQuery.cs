namespace SipCube.ControlPlane.Mappings;

/// <summary>Filters and paging of <c>GET /api/mappings</c>.</summary>
internal sealed record MappingQuery(string? SipUri, long? ConnectyCubeUserId, int PageSize, string? ContinuationToken)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
}
