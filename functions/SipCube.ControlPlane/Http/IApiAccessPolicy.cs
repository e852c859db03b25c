using Microsoft.AspNetCore.Http;

namespace SipCube.ControlPlane.Http;

/// <summary>Decides whether a caller may use the control API (each host registers its own policy).</summary>
public interface IApiAccessPolicy
{
    /// <summary>True when <paramref name="request"/> is authorised.</summary>
    bool IsAllowed(HttpRequest request);
}
