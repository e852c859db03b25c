using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SipCube.ControlPlane.Http;

namespace SipCube.ControlPlane.Functions;

/// <summary>Azure Functions adapter of <see cref="ControlPlaneRoutes.CdrsList"/> (GET /api/cdrs).</summary>
public sealed class CdrsListFunction(ControlPlaneDispatcher dispatcher)
{
    /// <summary>Runs the shared handler.</summary>
    [Function("CdrsList")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "cdrs")] HttpRequest request) =>
        await dispatcher.InvokeAsync(ControlPlaneRoutes.CdrsList, request);
}
