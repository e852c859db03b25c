using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SipCube.ControlPlane.Http;

namespace SipCube.ControlPlane.Functions;

/// <summary>Azure Functions adapter of <see cref="ControlPlaneRoutes.MappingsList"/> (GET /api/mappings).</summary>
public sealed class MappingsListFunction(ControlPlaneDispatcher dispatcher)
{
    /// <summary>Runs the shared handler.</summary>
    [Function("MappingsList")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "mappings")] HttpRequest request) =>
        await dispatcher.InvokeAsync(ControlPlaneRoutes.MappingsList, request);
}
