using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Azure.ServiceBus;
using SipCube.Contracts.Bus;
using SipCube.Contracts.Mappings;

namespace SipCube.Azure.Tests.ServiceBus;

/// <summary>The control listener notices a broker outage and tells its outage handlers once the subscription is back
/// (real SDK, test broker stopped and started on the same port).</summary>
public sealed class ServiceBusControlOutageTests
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    sealed class Recorder : IControlMessageHandler, IControlOutageHandler
    {
        public int Restored;
        public int Messages;

        public Task HandleAsync(ControlMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Messages);
            return Task.CompletedTask;
        }

        public Task ControlRestoredAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Restored);
            return Task.CompletedTask;
        }
    }

    static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(Wait);
        while (!condition())
        {
            try
            {
                await Task.Delay(50, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }
        }
    }

    [Fact]
    public async Task After_the_broker_is_back_outage_handlers_are_told_once_and_messages_flow_again()
    {
        await using var fx = new BrokerFixture();
        var recorder = new Recorder();
        var options = AdapterHarness.Options(fx);
        options.OutageProbeInterval = TimeSpan.FromMilliseconds(200);
        await using var control = new ServiceBusControlListener(
            fx.Client, options, [recorder], AdapterHarness.Telemetry(), NullLogger<ServiceBusControlListener>.Instance, [recorder]);
        await control.StartAsync(CancellationToken.None);
        Assert.False(control.InOutage);

        fx.Broker.Stop();
        await WaitUntilAsync(() => control.InOutage, "the outage to be noticed");
        Assert.Equal(0, Volatile.Read(ref recorder.Restored));

        fx.Broker.Start();
        await WaitUntilAsync(() => Volatile.Read(ref recorder.Restored) == 1, "the restored notification");
        Assert.False(control.InOutage);

        await using var publisher = new ServiceBusControlPublisher(fx.Client, options, AdapterHarness.Telemetry());
        await publisher.PublishAsync(new MappingChangedMessage(new MappingChanged("sip:1@x", 1, null, MappingChangeKind.Created)), CancellationToken.None);
        await WaitUntilAsync(() => Volatile.Read(ref recorder.Messages) == 1, "a control message after the outage");
        await control.StopAsync(CancellationToken.None);
        Assert.Equal(1, Volatile.Read(ref recorder.Restored));
    }
}
