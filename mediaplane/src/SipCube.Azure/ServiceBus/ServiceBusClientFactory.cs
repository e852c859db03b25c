using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace SipCube.Azure.ServiceBus;

/// <summary>Builds the one <see cref="ServiceBusClient"/> per process with the configured retry policy.</summary>
public static class ServiceBusClientFactory
{
    /// <summary>Creates a client from a connection string, or from the namespace with <see cref="DefaultAzureCredential"/>.</summary>
    public static ServiceBusClient Create(ServiceBusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new ServiceBusClientOptions
        {
            TransportType = ServiceBusTransportType.AmqpTcp,
            RetryOptions = new ServiceBusRetryOptions
            {
                Mode = ServiceBusRetryMode.Exponential,
                MaxRetries = options.MaxRetries,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                TryTimeout = options.TryTimeout,
            },
        };

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new ServiceBusClient(options.ConnectionString, clientOptions);
        }

        if (!string.IsNullOrWhiteSpace(options.FullyQualifiedNamespace))
        {
            return new ServiceBusClient(options.FullyQualifiedNamespace, new DefaultAzureCredential(), clientOptions);
        }

        throw new InvalidOperationException(
            "Service Bus is not configured: set " + ServiceBusOptions.SectionName + ":ConnectionString or :FullyQualifiedNamespace.");
    }
}
