using Microsoft.Extensions.DependencyInjection;
using SipCube.ControlPlane.Cdrs;
using SipCube.ControlPlane.Mappings;
using SipCube.ControlPlane.Tokens;

namespace SipCube.ControlPlane.Http;

/// <summary>
/// Every control-API route. The single box maps exactly this table; each Functions adapter declares one row, and a
/// test proves the two sets are equal. To add a route, add a row here and one <c>&lt;Name&gt;Function.cs</c>.
/// </summary>
public static class ControlPlaneRoutes
{
    /// <summary><c>POST /api/mappings</c>.</summary>
    public static readonly ControlPlaneRoute MappingsCreate = new("MappingsCreate", "POST", "mappings",
        (s, r, _) => s.GetRequiredService<MappingHandlers>().CreateAsync(r));

    /// <summary><c>GET /api/mappings</c>.</summary>
    public static readonly ControlPlaneRoute MappingsList = new("MappingsList", "GET", "mappings",
        (s, r, _) => s.GetRequiredService<MappingHandlers>().ListAsync(r));

    /// <summary><c>GET /api/mappings/{sipUri}</c>.</summary>
    public static readonly ControlPlaneRoute MappingsGet = new("MappingsGet", "GET", "mappings/{sipUri}",
        (s, r, v) => s.GetRequiredService<MappingHandlers>().GetAsync(r, v));

    /// <summary><c>PUT /api/mappings/{sipUri}</c>.</summary>
    public static readonly ControlPlaneRoute MappingsUpdate = new("MappingsUpdate", "PUT", "mappings/{sipUri}",
        (s, r, v) => s.GetRequiredService<MappingHandlers>().UpdateAsync(r, v));

    /// <summary><c>DELETE /api/mappings/{sipUri}</c>.</summary>
    public static readonly ControlPlaneRoute MappingsDelete = new("MappingsDelete", "DELETE", "mappings/{sipUri}",
        (s, r, v) => s.GetRequiredService<MappingHandlers>().DeleteAsync(r, v));

    /// <summary><c>GET /api/cdrs</c>.</summary>
    public static readonly ControlPlaneRoute CdrsList = new("CdrsList", "GET", "cdrs",
        (s, r, _) => s.GetRequiredService<CdrHandlers>().ListAsync(r));

    /// <summary><c>POST /api/tokens</c>.</summary>
    public static readonly ControlPlaneRoute TokensCreate = new("TokensCreate", "POST", "tokens",
        (s, r, _) => s.GetRequiredService<TokenHandlers>().CreateAsync(r));

    /// <summary><c>GET /api/openapi.json</c>.</summary>
    public static readonly ControlPlaneRoute OpenApi = new("OpenApi", "GET", "openapi.json",
        (_, _, _) => Task.FromResult(OpenApiDocument.Result()));

    /// <summary>All routes, in a stable order.</summary>
    public static IReadOnlyList<ControlPlaneRoute> All { get; } =
    [
        MappingsCreate, MappingsList, MappingsGet, MappingsUpdate, MappingsDelete, CdrsList, TokensCreate, OpenApi,
    ];
}
