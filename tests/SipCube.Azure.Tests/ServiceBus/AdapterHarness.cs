using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Azure.ServiceBus;

namespace SipCube.Azure.Tests.ServiceBus;

/// <summary>Builds the adapter classes on a <see cref="BrokerFixture"/>'s client.</summary>
internal static class AdapterHarness
{
    public static ServiceBusOptions Options(BrokerFixture fx, string nodeId = "node1")
        => new() { ConnectionString = fx.Broker.ConnectionString, NodeId = nodeId };

    public static ServiceBusTelemetry Telemetry()
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        return new ServiceBusTelemetry(services.GetRequiredService<IMeterFactory>());
    }

    public static ServiceBusCdrDrain Drain(BrokerFixture fx)
        => new(fx.Client, Options(fx), Telemetry(), TimeProvider.System, NullLogger<ServiceBusCdrDrain>.Instance)
        {
            ReceiveWait = TimeSpan.FromMilliseconds(500),
            SafetyMargin = TimeSpan.FromSeconds(1),
        };
}
