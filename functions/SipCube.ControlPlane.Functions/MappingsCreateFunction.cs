using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SipCube.ControlPlane.Http;

namespace SipCube.ControlPlane.Functions;

/// <summary>Azure Functions adapter of <see cref="ControlPlaneRoutes.MappingsCreate"/> (POST /api/mappings).</summary>
public sealed class MappingsCreateFunction(ControlPlaneDispatcher dispatcher)
{
    /// <summary>Runs the shared handler.</summary>
    [Function("MappingsCreate")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "mappings")] HttpRequest request) =>
        await dispatcher.InvokeAsync(ControlPlaneRoutes.MappingsCreate, request);
}
