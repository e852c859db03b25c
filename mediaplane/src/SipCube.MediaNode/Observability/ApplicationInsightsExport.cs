using Microsoft.ApplicationInsights.WorkerService;

namespace SipCube.MediaNode.Observability;

/// <summary>
/// Application Insights export of the node's telemetry (the SDK 3.x is OpenTelemetry-based: it adds the Azure Monitor
/// exporter to the same meter and tracer providers that feed <c>/metrics</c>). Off unless a connection string is
/// configured in <see cref="ConnectionStringKey"/> or <see cref="EnvironmentKey"/>.
/// </summary>
internal static class ApplicationInsightsExport
{
    public const string ConnectionStringKey = "SipCube:ApplicationInsights:ConnectionString";
    public const string EnvironmentKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The configured connection string, or null when export is off.</summary>
    public static string? ConnectionString(IConfiguration configuration)
    {
        var value = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration[EnvironmentKey];
        }

        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>Adds the exporter when a connection string is configured; returns whether it did.</summary>
    public static bool AddApplicationInsightsExport(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = ConnectionString(configuration);
        if (connectionString is null)
        {
            return false;
        }

        services.AddApplicationInsightsTelemetryWorkerService(new ApplicationInsightsServiceOptions
        {
            ConnectionString = connectionString,
            // Live Metrics opens a long poll to the ingestion endpoint; the node's own metrics already cover it.
            EnableQuickPulseMetricStream = false,
        });
        return true;
    }
}
