using Microsoft.Extensions.Diagnostics.HealthChecks;
using SipCube.ControlPlane.Mappings;

namespace SipCube.ControlPlane;

/// <summary>Readiness: the mapping store answers a point read (a missing row is a healthy answer).</summary>
public sealed class ControlPlaneHealthCheck : IHealthCheck
{
    private readonly IMappingStore _store;

    internal ControlPlaneHealthCheck(IMappingStore store) => _store = store;

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _store.GetAsync("sip:health@check.invalid", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("mapping store unavailable", ex);
        }
    }
}
