using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SipCube.ControlPlane.Http;

namespace SipCube.ControlPlane.Functions;

/// <summary>Azure Functions adapter of <see cref="ControlPlaneRoutes.MappingsDelete"/> (DELETE /api/mappings/{sipUri}).</summary>
public sealed class MappingsDeleteFunction(ControlPlaneDispatcher dispatcher)
{
    /// <summary>Runs the shared handler.</summary>
    [Function("MappingsDelete")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "mappings/{sipUri}")] HttpRequest request, string sipUri) =>
        await dispatcher.InvokeAsync(ControlPlaneRoutes.MappingsDelete, request, sipUri);
}
