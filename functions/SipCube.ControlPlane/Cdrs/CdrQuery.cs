namespace SipCube.ControlPlane.Cdrs;

/// <summary>Filters of <c>GET /api/cdrs</c>: start time in [From, To), a SIP URI on either side, a ConnectyCube id on either side.</summary>
internal sealed record CdrQuery(DateTimeOffset From, DateTimeOffset To, string? SipUri, long? ConnectyCubeUserId, int PageSize, string? ContinuationToken)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>Default window when <c>from</c> is not given.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(31);
}
