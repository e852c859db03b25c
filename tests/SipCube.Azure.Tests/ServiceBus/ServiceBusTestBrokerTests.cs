using System.Text;
using Azure.Messaging.ServiceBus;

namespace SipCube.Azure.Tests.ServiceBus;

/// <summary>The real Azure.Messaging.ServiceBus SDK against the test broker: the behaviours the adapter relies on.</summary>
public sealed class ServiceBusTestBrokerTests
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sdk_sends_and_receives_on_a_queue_with_peek_lock()
    {
        await using var fx = new BrokerFixture();
        await using var sender = fx.Client.CreateSender("cdr");
        await sender.SendMessageAsync(new ServiceBusMessage("hello") { MessageId = "m1", Subject = "cdr" });
        await using var receiver = fx.Client.CreateReceiver("cdr");

        var received = await receiver.ReceiveMessageAsync(Wait);

        Assert.NotNull(received);
        Assert.Equal("m1", received.MessageId);
        Assert.Equal("hello", received.Body.ToString());
        Assert.Equal(1, received.DeliveryCount);
        Assert.NotEqual(default, received.LockToken);
        await receiver.CompleteMessageAsync(received);
        Assert.Empty(fx.Cdr.Snapshot());
    }

    [Fact]
    public async Task Sdk_batch_send_is_stored_as_separate_messages()
    {
        await using var fx = new BrokerFixture();
        await using var sender = fx.Client.CreateSender("cdr");
        using var batch = await sender.CreateMessageBatchAsync();
        Assert.True(batch.TryAddMessage(new ServiceBusMessage("a") { MessageId = "a" }));
        Assert.True(batch.TryAddMessage(new ServiceBusMessage("b") { MessageId = "b" }));

        await sender.SendMessagesAsync(batch);

        Assert.Equal(2, fx.Cdr.Snapshot().Count);
    }

    [Fact]
    public async Task Each_subscription_of_a_topic_gets_its_own_copy()
    {
        await using var fx = new BrokerFixture();
        await using var sender = fx.Client.CreateSender("control");
        await sender.SendMessageAsync(new ServiceBusMessage("x") { MessageId = "c1" });

        await using var node1 = fx.Client.CreateReceiver("control", "node1");
        await using var node2 = fx.Client.CreateReceiver("control", "node2");
        var first = await node1.ReceiveMessageAsync(Wait);
        var second = await node2.ReceiveMessageAsync(Wait);

        Assert.Equal("c1", first?.MessageId);
        Assert.Equal("c1", second?.MessageId);
    }

    [Fact]
    public async Task A_wrong_sas_key_fails_with_unauthorized_access()
    {
        await using var fx = new BrokerFixture();
        var wrongKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("not-the-key-not-the-key-not-the-key"));
        await using var client = new ServiceBusClient(fx.Broker.ConnectionStringFor(wrongKey), BrokerFixture.FastRetries());
        await using var sender = client.CreateSender("cdr");

        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));

        Assert.Contains("signature", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(fx.Cdr.Snapshot());
    }

    [Fact]
    public async Task A_lost_lock_makes_settling_fail_and_the_message_is_redelivered()
    {
        await using var fx = new BrokerFixture(lockDuration: TimeSpan.FromMilliseconds(500));
        await using var sender = fx.Client.CreateSender("cdr");
        await sender.SendMessageAsync(new ServiceBusMessage("x") { MessageId = "lock" });
        await using var receiver = fx.Client.CreateReceiver("cdr");
        var first = await receiver.ReceiveMessageAsync(Wait);
        Assert.NotNull(first);

        // Wait for the broker to expire the lock (observable: the message is unlocked again).
        using (var cts = new CancellationTokenSource(Wait))
        {
            while (fx.Cdr.Snapshot().Single().LockToken != Guid.Empty)
            {
                await Task.Delay(50, cts.Token);
            }
        }

        var lost = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(first));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, lost.Reason);
        var again = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal("lock", again?.MessageId);
        Assert.Equal(2, again?.DeliveryCount);
        await receiver.CompleteMessageAsync(again);
    }

    [Fact]
    public async Task Renew_lock_and_peek_work_over_management()
    {
        await using var fx = new BrokerFixture();
        await using var sender = fx.Client.CreateSender("cdr");
        await sender.SendMessageAsync(new ServiceBusMessage("x") { MessageId = "p1" });
        await using var receiver = fx.Client.CreateReceiver("cdr");

        var peeked = await receiver.PeekMessageAsync();
        Assert.Equal("p1", peeked?.MessageId);

        var locked = await receiver.ReceiveMessageAsync(Wait);
        Assert.NotNull(locked);
        var before = locked.LockedUntil;
        await Task.Delay(50);
        await receiver.RenewMessageLockAsync(locked);
        Assert.True(locked.LockedUntil > before);
        await receiver.CompleteMessageAsync(locked);
    }

    [Fact]
    public async Task Abandoned_past_the_max_delivery_count_goes_to_the_dead_letter_queue()
    {
        await using var fx = new BrokerFixture(maxDeliveryCount: 2);
        await using var sender = fx.Client.CreateSender("cdr");
        await sender.SendMessageAsync(new ServiceBusMessage("poison") { MessageId = "p" });
        await using var receiver = fx.Client.CreateReceiver("cdr");

        for (var i = 0; i < 2; i++)
        {
            var m = await receiver.ReceiveMessageAsync(Wait);
            Assert.NotNull(m);
            await receiver.AbandonMessageAsync(m);
        }

        await using var dlq = fx.Client.CreateReceiver("cdr", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await dlq.ReceiveMessageAsync(Wait);
        Assert.Equal("p", dead?.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead?.DeadLetterReason);
    }
}
