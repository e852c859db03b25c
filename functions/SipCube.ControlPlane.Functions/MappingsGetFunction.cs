using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SipCube.ControlPlane.Http;

namespace SipCube.ControlPlane.Functions;

/// <summary>Azure Functions adapter of <see cref="ControlPlaneRoutes.MappingsGet"/> (GET /api/mappings/{sipUri}).</summary>
public sealed class MappingsGetFunction(ControlPlaneDispatcher dispatcher)
{
    /// <summary>Runs the shared handler.</summary>
    [Function("MappingsGet")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "mappings/{sipUri}")] HttpRequest request, string sipUri) =>
        await dispatcher.InvokeAsync(ControlPlaneRoutes.MappingsGet, request, sipUri);
}
