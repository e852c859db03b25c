using Azure.Messaging.ServiceBus;
using SipCube.ServiceBusBroker;
using SipCube.Testing;

namespace SipCube.Azure.Tests.ServiceBus;

/// <summary>One test broker with queue <c>cdr</c> and topic <c>control</c> (subscriptions node1, node2) plus an SDK client.</summary>
internal sealed class BrokerFixture : IAsyncDisposable
{
    public BrokerFixture(int maxDeliveryCount = 3, TimeSpan? lockDuration = null)
    {
        Broker = new ServiceBusTestBroker(FreePort.Tcp());
        Cdr = Broker.AddQueue("cdr", maxDeliveryCount, lockDuration);
        Subscriptions = Broker.AddTopic("control", ["node1", "node2"], maxDeliveryCount, lockDuration);
        Broker.Start();
        Client = new ServiceBusClient(Broker.ConnectionString, FastRetries());
    }

    public ServiceBusTestBroker Broker { get; }

    public BrokerEntity Cdr { get; }

    public IReadOnlyList<BrokerEntity> Subscriptions { get; }

    public ServiceBusClient Client { get; }

    /// <summary>Short SDK timeouts so failure tests end quickly on a loaded box.</summary>
    public static ServiceBusClientOptions FastRetries() => new()
    {
        RetryOptions = new ServiceBusRetryOptions
        {
            MaxRetries = 1,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromMilliseconds(500),
            TryTimeout = TimeSpan.FromSeconds(10),
        },
    };

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        Broker.Dispose();
    }
}
