using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SipCube.Azure.ServiceBus;

namespace SipCube.ControlPlane.Functions;

/// <summary>Registers the Service Bus side of <see cref="CdrIngestFunction"/> when <c>SipCube:Bus:ServiceBus</c> is configured.</summary>
public static class CdrIngestServiceCollectionExtensions
{
    /// <summary>Adds the Service Bus client, CDR drain and control publisher (no control listener: that is for media nodes).</summary>
    public static IServiceCollection AddCdrIngest(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ServiceBusOptions.SectionName).Get<ServiceBusOptions>() ?? new ServiceBusOptions();
        return options.IsConfigured ? services.AddSipCubeServiceBus(options, listenForControl: false) : services;
    }
}
