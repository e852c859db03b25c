using SipCube.Azure.ServiceBus;
using SipCube.Contracts.Bus;
using SipCube.MediaNode.Hosting;

namespace SipCube.MediaNode.Observability;

/// <summary>Readiness while draining, the drain on shutdown, and drain requests from the control topic.</summary>
internal static class DrainHostingExtensions
{
    /// <summary>Call after <c>AddBus</c>: the drain flushes the CDR outbox.</summary>
    public static WebApplicationBuilder AddDrain(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<DrainOptions>(builder.Configuration.GetSection("SipCube:Drain"));
        services.AddSingleton<NodeDrainState>();
        services.AddHealthChecks().AddCheck<DrainHealthCheck>("drain", tags: [NodeHostingExtensions.ReadyTag]);
        var nodeId = builder.Configuration[ServiceBusOptions.SectionName + ":NodeId"];
        services.AddSingleton<IControlMessageHandler>(sp => new DrainControlHandler(
            sp.GetRequiredService<IHostApplicationLifetime>(), nodeId, sp.GetRequiredService<ILogger<DrainControlHandler>>()));

        // The drain runs in StoppingAsync, before every StopAsync, whatever the registration order.
        services.AddHostedService<DrainOnShutdownService>();
        return builder;
    }
}
