using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace SipCube.ControlPlane.Functions;

/// <summary>
/// Application Insights export of the Functions worker: OpenTelemetry with the Functions worker defaults and the Azure
/// Monitor exporter (traces, metrics of every <c>SipCube.*</c> meter, logs). Application Insights SDK 3.x crashes in
/// the isolated worker with Worker.ApplicationInsights 2.51 (it dropped <c>ITelemetryInitializer</c>), and 2.x would
/// clash with the 3.x the media node ships, so the worker goes through OpenTelemetry. Off unless a connection string is
/// configured in <see cref="ConnectionStringKey"/> or <see cref="EnvironmentKey"/>.
/// </summary>
public static class FunctionsTelemetry
{
    /// <summary>Our configuration key for the connection string.</summary>
    public const string ConnectionStringKey = "SipCube:ApplicationInsights:ConnectionString";

    /// <summary>The platform's setting for the connection string (set by the infrastructure).</summary>
    public const string EnvironmentKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Adds the export when a connection string is configured; returns whether it did.</summary>
    public static bool AddFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = configuration[EnvironmentKey];
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter("SipCube.*"))
            .WithTracing(tracing => tracing.AddSource("SipCube.*"))
            .UseFunctionsWorkerDefaults()
            .UseAzureMonitorExporter(options => options.ConnectionString = connectionString);
        return true;
    }
}
