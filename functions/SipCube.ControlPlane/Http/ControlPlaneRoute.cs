using Microsoft.AspNetCore.Http;

namespace SipCube.ControlPlane.Http;

/// <summary>
/// One control-API route, shared by both hosts: the Functions adapter named <see cref="Name"/> declares
/// <see cref="Method"/> + <see cref="Template"/>, and the single box maps <c>/api/</c> + <see cref="Template"/>.
/// </summary>
/// <param name="Name">Function name (the <c>[Function]</c> attribute value).</param>
/// <param name="Method">HTTP method, uppercase.</param>
/// <param name="Template">Route template below <c>/api</c>, e.g. <c>mappings/{sipUri}</c>.</param>
/// <param name="Handler">The handler: services, request, and the single route value (or null).</param>
public sealed record ControlPlaneRoute(
    string Name,
    string Method,
    string Template,
    Func<IServiceProvider, HttpRequest, string?, Task<ApiResult>> Handler)
{
    /// <summary>Name of the route value the handler receives, if the template has one.</summary>
    public string? RouteValueName
    {
        get
        {
            var open = Template.IndexOf('{', StringComparison.Ordinal);
            return open < 0 ? null : Template[(open + 1)..Template.IndexOf('}', open)];
        }
    }
}
