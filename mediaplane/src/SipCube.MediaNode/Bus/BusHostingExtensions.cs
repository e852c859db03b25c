using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SipCube.Azure.ServiceBus;
using SipCube.Contracts.Bus;
using SipCube.Contracts.Mappings;
using SipCube.ControlPlane.Cdrs;
using SipCube.ControlPlane.Mappings;
using SipCube.MediaNode.Hosting;

namespace SipCube.MediaNode.Bus;

/// <summary>
/// Composition of the node's bus side: the durable CDR outbox (<see cref="ICdrPublisher"/>) and its sender,
/// over Service Bus when <c>SipCube:Bus:ServiceBus</c> is configured (then this node also listens on its
/// <c>control</c> subscription), else over the in-process bus straight into the local CDR ingestion.
/// Control messages invalidate the mapping cache; the end of a bus outage marks all of it stale.
/// </summary>
internal static class BusHostingExtensions
{
    public static WebApplicationBuilder AddBus(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var outboxOptions = builder.Configuration.GetSection("SipCube:Outbox").Get<CdrOutboxOptions>() ?? new CdrOutboxOptions();
        var path = outboxOptions.DatabasePath ?? Path.Combine(DataDirectory.Resolve(builder.Configuration), "outbox.db");
        services.Configure<CdrOutboxOptions>(builder.Configuration.GetSection("SipCube:Outbox"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton(sp =>
        {
            var outbox = new SqliteCdrOutbox(path);
            BusMetrics.ObserveOutbox(sp.GetRequiredService<IMeterFactory>(), outbox);
            return outbox;
        });
        services.AddSingleton<ICdrPublisher>(sp => sp.GetRequiredService<SqliteCdrOutbox>());
        services.AddSingleton<CdrOutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<CdrOutboxSender>());

        var serviceBus = builder.Configuration.GetSection(ServiceBusOptions.SectionName).Get<ServiceBusOptions>() ?? new ServiceBusOptions();
        if (serviceBus.IsConfigured)
        {
            serviceBus.NodeId ??= Environment.MachineName.ToLowerInvariant();
            services.AddSipCubeServiceBus(serviceBus, listenForControl: true);
        }
        else
        {
            services.AddSingleton<InProcessBus>();
            services.AddSingleton<ICdrSender>(sp => sp.GetRequiredService<InProcessBus>());
            services.AddSingleton<IControlPublisher>(sp => sp.GetRequiredService<InProcessBus>());
            services.AddSingleton<ICdrHandler, CdrIngestionHandler>();
        }

        services.AddSingleton(sp => new MappingCacheInvalidator(
            sp.GetRequiredService<IMappingLookup>(), sp.GetRequiredService<IMappingCacheControl>(), sp.GetRequiredService<ILogger<MappingCacheInvalidator>>()));
        services.AddSingleton<IControlMessageHandler>(sp => sp.GetRequiredService<MappingCacheInvalidator>());
        services.AddSingleton<IControlOutageHandler>(sp => sp.GetRequiredService<MappingCacheInvalidator>());
        return builder;
    }
}
