using Microsoft.AspNetCore.Http;

namespace SipCube.ControlPlane.Http;

/// <summary>
/// Policy inside the Azure Functions worker: every HTTP function is declared with <c>AuthorizationLevel.Function</c>,
/// so the Functions host has already checked the function key before the request reaches the worker.
/// </summary>
public sealed class FunctionsHostAccessPolicy : IApiAccessPolicy
{
    /// <inheritdoc/>
    public bool IsAllowed(HttpRequest request) => true;
}
