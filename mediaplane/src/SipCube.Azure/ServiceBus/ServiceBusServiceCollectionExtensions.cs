using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SipCube.Contracts.Bus;

namespace SipCube.Azure.ServiceBus;

/// <summary>DI registration of the Service Bus adapter.</summary>
public static class ServiceBusServiceCollectionExtensions
{
    /// <summary>
    /// Registers the client, the CDR sender (<see cref="ICdrSender"/>), the control publisher
    /// (<see cref="IControlPublisher"/>) and the CDR drain. With <paramref name="listenForControl"/> (media
    /// nodes) also the hosted control-topic listener for this node's subscription.
    /// </summary>
    public static IServiceCollection AddSipCubeServiceBus(this IServiceCollection services, ServiceBusOptions options, bool listenForControl)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(_ => ServiceBusClientFactory.Create(options));
        services.AddSingleton<ServiceBusTelemetry>();
        services.AddSingleton<ServiceBusCdrSender>();
        services.AddSingleton<ICdrSender>(sp => sp.GetRequiredService<ServiceBusCdrSender>());
        services.AddSingleton<ServiceBusControlPublisher>();
        services.AddSingleton<IControlPublisher>(sp => sp.GetRequiredService<ServiceBusControlPublisher>());
        services.AddSingleton<ServiceBusCdrDrain>();
        if (listenForControl)
        {
            services.AddHostedService<ServiceBusControlListener>();
        }

        return services;
    }
}
