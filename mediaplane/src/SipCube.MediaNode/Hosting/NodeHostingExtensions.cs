using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using SipCube.MediaNode.Observability;

namespace SipCube.MediaNode.Hosting;

/// <summary>
/// The node's HTTP surface: one loopback port (127.0.0.1:7071 unless <c>urls</c> is configured), liveness and
/// readiness probes, Prometheus <c>/metrics</c> for every <c>SipCube.*</c> meter (and Application Insights when configured), and a bounded graceful shutdown.
/// </summary>
/// <remarks>Readiness = every health check tagged <see cref="ReadyTag"/>; other areas add theirs with that tag.</remarks>
internal static class NodeHostingExtensions
{
    public const string ReadyTag = "ready";
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplicationBuilder AddNodeHosting(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Per-request Information logs from ASP.NET Core cost more than a cached lookup; the content root (and so
        // appsettings.json) is the current directory, so this default must not depend on that file being found.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Bounded drain on SIGTERM; an operator's shutdownTimeoutSeconds (DOTNET_SHUTDOWNTIMEOUTSECONDS, set by the
        // DaemonSet from its drain budget) wins over this default.
        if (string.IsNullOrEmpty(builder.Configuration["shutdownTimeoutSeconds"]))
        {
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        }

        builder.Services.AddHealthChecks();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("SipCube.*")
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        builder.Services.AddSingleton(sp => new CallQualityMetrics(sp.GetRequiredService<IMeterFactory>()));
        builder.Services.AddApplicationInsightsExport(builder.Configuration);
        return builder;
    }

    public static WebApplication MapNodeEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
