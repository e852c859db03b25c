using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SipCube.MediaNode.Observability;

/// <summary>Readiness: unhealthy while the node drains, so no new calls are routed to it.</summary>
internal sealed class DrainHealthCheck(NodeDrainState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(state.IsDraining ? HealthCheckResult.Unhealthy("draining") : HealthCheckResult.Healthy());
}
