using System.Diagnostics;
using System.Text;
using Azure.Messaging.ServiceBus;
using SipCube.Azure.ServiceBus;
using SipCube.Contracts.Bus;

namespace SipCube.Azure.Tests.ServiceBus;

public sealed class ServiceBusCdrTests
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    static BusMessage Cdr(string callId, string? body = null)
        => new(callId, BusEntityNames.CdrSubject, Encoding.UTF8.GetBytes(body ?? "{\"callId\":\"" + callId + "\"}"));

    [Fact]
    public async Task Cdr_sender_sets_message_id_subject_content_type_and_traceparent()
    {
        await using var fx = new BrokerFixture();
        await using var sender = new ServiceBusCdrSender(fx.Client, AdapterHarness.Options(fx), AdapterHarness.Telemetry());
        using var activity = new Activity("call end").SetIdFormat(ActivityIdFormat.W3C).Start();

        await sender.SendAsync(Cdr("call-1"), CancellationToken.None);

        await using var receiver = fx.Client.CreateReceiver("cdr");
        var received = await receiver.ReceiveMessageAsync(Wait);
        Assert.NotNull(received);
        Assert.Equal("call-1", received.MessageId);
        Assert.Equal("cdr", received.Subject);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal(activity.Id, received.ApplicationProperties["traceparent"]);
    }

    [Fact]
    public async Task Drain_stores_each_cdr_once_even_when_it_was_delivered_twice()
    {
        await using var fx = new BrokerFixture();
        await using var sender = new ServiceBusCdrSender(fx.Client, AdapterHarness.Options(fx), AdapterHarness.Telemetry());
        await sender.SendAsync(Cdr("call-1"), CancellationToken.None);
        await sender.SendAsync(Cdr("call-1"), CancellationToken.None);
        await sender.SendAsync(Cdr("call-2"), CancellationToken.None);
        var handler = new RecordingCdrHandler();

        var result = await AdapterHarness.Drain(fx).DrainAsync(handler, Budget, CancellationToken.None);

        Assert.Equal(new CdrDrainResult(Stored: 2, Duplicates: 1, DeadLettered: 0, Abandoned: 0), result);
        Assert.Equal(["call-1", "call-2"], handler.Stored.Keys.Order());
        Assert.Empty(fx.Cdr.Snapshot());
    }

    [Fact]
    public async Task Drain_dead_letters_a_malformed_cdr_with_the_reason()
    {
        await using var fx = new BrokerFixture();
        await using var sender = new ServiceBusCdrSender(fx.Client, AdapterHarness.Options(fx), AdapterHarness.Telemetry());
        await sender.SendAsync(Cdr("bad", "not json"), CancellationToken.None);

        var result = await AdapterHarness.Drain(fx).DrainAsync(new RecordingCdrHandler(), Budget, CancellationToken.None);

        Assert.Equal(1, result.DeadLettered);
        await using var dlq = fx.Client.CreateReceiver("cdr", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await dlq.ReceiveMessageAsync(Wait);
        Assert.Equal("bad", dead?.MessageId);
        Assert.Equal("MalformedCdr", dead?.DeadLetterReason);
        Assert.Equal("body is not JSON", dead?.DeadLetterErrorDescription);
    }

    [Fact]
    public async Task Drain_abandons_when_storing_fails_and_a_later_drain_stores_it()
    {
        await using var fx = new BrokerFixture();
        await using var sender = new ServiceBusCdrSender(fx.Client, AdapterHarness.Options(fx), AdapterHarness.Telemetry());
        await sender.SendAsync(Cdr("call-1"), CancellationToken.None);
        var handler = new RecordingCdrHandler { Broken = true };
        var drain = AdapterHarness.Drain(fx);

        var failed = await drain.DrainAsync(handler, TimeSpan.FromSeconds(4), CancellationToken.None);
        handler.Broken = false;
        var recovered = await drain.DrainAsync(handler, Budget, CancellationToken.None);

        Assert.True(failed.Abandoned >= 1);
        Assert.Equal(1, recovered.Stored);
        Assert.True(handler.Stored.ContainsKey("call-1"));
    }

    [Fact]
    public async Task Drain_does_not_start_a_batch_when_the_budget_is_already_used_up()
    {
        await using var fx = new BrokerFixture();
        await using var sender = new ServiceBusCdrSender(fx.Client, AdapterHarness.Options(fx), AdapterHarness.Telemetry());
        await sender.SendAsync(Cdr("call-1"), CancellationToken.None);
        var drain = AdapterHarness.Drain(fx);

        var result = await drain.DrainAsync(new RecordingCdrHandler(), drain.SafetyMargin, CancellationToken.None);

        Assert.Equal(default, result);
        Assert.Single(fx.Cdr.Snapshot());
    }
}
