using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SipCube.ControlPlane.Http;

namespace SipCube.ControlPlane.Functions;

/// <summary>Azure Functions adapter of <see cref="ControlPlaneRoutes.MappingsUpdate"/> (PUT /api/mappings/{sipUri}).</summary>
public sealed class MappingsUpdateFunction(ControlPlaneDispatcher dispatcher)
{
    /// <summary>Runs the shared handler.</summary>
    [Function("MappingsUpdate")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "mappings/{sipUri}")] HttpRequest request, string sipUri) =>
        await dispatcher.InvokeAsync(ControlPlaneRoutes.MappingsUpdate, request, sipUri);
}
