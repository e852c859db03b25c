using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SipCube.ControlPlane.Http;

/// <summary>
/// Runs one <see cref="ControlPlaneRoute"/> for either host: access policy, then the handler, with failures sorted
/// into the three classes of STYLE.md §7 (peer error = 4xx problem, storage trouble = 503, our bug = 500).
/// </summary>
public sealed class ControlPlaneDispatcher
{
    private readonly IServiceProvider _services;
    private readonly IApiAccessPolicy _policy;
    private readonly ControlPlaneMetrics _metrics;
    private readonly ILogger<ControlPlaneDispatcher> _logger;

    /// <summary>Creates the dispatcher (resolved from DI).</summary>
    public ControlPlaneDispatcher(IServiceProvider services, IApiAccessPolicy policy, ControlPlaneMetrics metrics, ILogger<ControlPlaneDispatcher> logger)
    {
        _services = services;
        _policy = policy;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Handles <paramref name="request"/> with <paramref name="route"/>; never throws for bad input.</summary>
    public async Task<ApiResult> InvokeAsync(ControlPlaneRoute route, HttpRequest request, string? routeValue = null)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(request);
        var result = await RunAsync(route, request, routeValue);
        _metrics.RequestHandled(route.Name, result.StatusCode);
        return result;
    }

    private async Task<ApiResult> RunAsync(ControlPlaneRoute route, HttpRequest request, string? routeValue)
    {
        if (!_policy.IsAllowed(request))
        {
            ControlPlaneLog.Unauthorized(_logger, route.Name, request.HttpContext.Connection.RemoteIpAddress?.ToString());
            return Problems.Unauthorized();
        }

        try
        {
            return await route.Handler(_services, request, routeValue);
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Problems.Create(499, "Client closed request", "The caller went away.");
        }
        catch (RequestFailedException ex) when (ex.Status is 0 or >= 500)
        {
            ControlPlaneLog.StorageUnavailable(_logger, route.Name, ex);
            return Problems.ServiceUnavailable("Table storage is unavailable; retry later.");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            ControlPlaneLog.StorageUnavailable(_logger, route.Name, ex);
            return Problems.ServiceUnavailable("The database is busy; retry later.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ControlPlaneLog.HandlerFailed(_logger, route.Name, ex);
            return Problems.ServerError();
        }
    }
}
