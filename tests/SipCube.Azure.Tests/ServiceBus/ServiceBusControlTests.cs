using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Azure.ServiceBus;
using SipCube.Contracts.Bus;
using SipCube.Contracts.Mappings;

namespace SipCube.Azure.Tests.ServiceBus;

public sealed class ServiceBusControlTests
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    sealed class RecordingHandler : IControlMessageHandler
    {
        readonly TaskCompletionSource<ControlMessage> first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<(ControlMessage Message, ActivityTraceId TraceId)> Seen { get; } = new();

        public bool Throw { get; init; }

        public Task<ControlMessage> First => first.Task;

        public Task HandleAsync(ControlMessage message, CancellationToken cancellationToken)
        {
            Seen.Enqueue((message, Activity.Current?.TraceId ?? default));
            first.TrySetResult(message);
            return Throw ? throw new InvalidOperationException("handler broke") : Task.CompletedTask;
        }
    }

    static ServiceBusControlListener Listener(BrokerFixture fx, IControlMessageHandler handler)
        => new(fx.Client, AdapterHarness.Options(fx), [handler], AdapterHarness.Telemetry(), NullLogger<ServiceBusControlListener>.Instance);

    static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }

    [Fact]
    public async Task A_published_mapping_change_reaches_the_node_handler_with_the_trace_and_is_completed()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ServiceBusTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        await using var fx = new BrokerFixture();
        var handler = new RecordingHandler();
        await using var control = Listener(fx, handler);
        await control.StartAsync(CancellationToken.None);
        await using var publisher = new ServiceBusControlPublisher(fx.Client, AdapterHarness.Options(fx), AdapterHarness.Telemetry());
        var change = new MappingChanged("sip:1001@127.0.0.1", 7, null, MappingChangeKind.Updated);
        using var producer = new Activity("mapping update").SetIdFormat(ActivityIdFormat.W3C).Start();

        await publisher.PublishAsync(new MappingChangedMessage(change), CancellationToken.None);
        producer.Stop();
        var got = await handler.First.WaitAsync(Wait);

        Assert.Equal(change, Assert.IsType<MappingChangedMessage>(got).Change);
        Assert.Equal(producer.TraceId, handler.Seen.Single().TraceId);
        await WaitUntilAsync(() => fx.Subscriptions[0].Snapshot().Count == 0);
        await control.StopAsync(CancellationToken.None);
        Assert.Single(fx.Subscriptions[1].Snapshot());
    }

    [Fact]
    public async Task A_message_that_is_not_a_control_message_is_dead_lettered_with_the_reason()
    {
        await using var fx = new BrokerFixture();
        var handler = new RecordingHandler();
        await using var control = Listener(fx, handler);
        await control.StartAsync(CancellationToken.None);
        await using var raw = fx.Client.CreateSender("control");

        await raw.SendMessageAsync(new ServiceBusMessage("{\"type\":\"nonsense\"}") { MessageId = "junk" });
        await WaitUntilAsync(() => fx.Subscriptions[0].DeadLetters.Snapshot().Count == 1);
        await control.StopAsync(CancellationToken.None);

        var dead = fx.Subscriptions[0].DeadLetters.Snapshot().Single();
        Assert.Equal("MalformedControlMessage", dead.DeadLetterReason);
        Assert.Contains("unrecognized type discriminator", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Empty(handler.Seen);
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_gets_the_message_redelivered_until_it_is_dead_lettered()
    {
        await using var fx = new BrokerFixture(maxDeliveryCount: 3);
        var handler = new RecordingHandler { Throw = true };
        await using var control = Listener(fx, handler);
        await control.StartAsync(CancellationToken.None);
        await using var publisher = new ServiceBusControlPublisher(fx.Client, AdapterHarness.Options(fx), AdapterHarness.Telemetry());

        await publisher.PublishAsync(new ForceLogoutMessage(42, "test"), CancellationToken.None);
        await WaitUntilAsync(() => fx.Subscriptions[0].DeadLetters.Snapshot().Count == 1);
        await control.StopAsync(CancellationToken.None);

        Assert.Equal(3, handler.Seen.Count);
        Assert.Equal("MaxDeliveryCountExceeded", fx.Subscriptions[0].DeadLetters.Snapshot().Single().DeadLetterReason);
    }
}
