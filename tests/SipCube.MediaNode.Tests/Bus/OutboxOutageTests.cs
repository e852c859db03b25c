using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SipCube.Azure.ServiceBus;
using SipCube.Contracts.Bus;
using SipCube.MediaNode.Bus;
using SipCube.ServiceBusBroker;
using SipCube.Testing;

namespace SipCube.MediaNode.Tests.Bus;

/// <summary>The outbox over the real Service Bus SDK and the test broker, with the broker stopped mid-way.</summary>
public sealed class OutboxOutageTests : IDisposable
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);
    readonly string folder = Path.Combine(Path.GetTempPath(), "sipcube-outage-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Counts send failures so the test can wait for the outage to be noticed instead of sleeping.</summary>
    sealed class ObservedSender(ICdrSender inner) : ICdrSender
    {
        public int Failures;

        public async Task SendAsync(BusMessage cdr, CancellationToken cancellationToken)
        {
            try
            {
                await inner.SendAsync(cdr, cancellationToken);
            }
            catch
            {
                Interlocked.Increment(ref Failures);
                throw;
            }
        }
    }

    static BusMessage Cdr(int n) => new("call-" + n, BusEntityNames.CdrSubject, Encoding.UTF8.GetBytes("{\"callId\":\"call-" + n + "\"}"));

    static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }

    [Fact]
    public async Task Cdrs_produced_while_the_broker_is_down_are_delivered_once_each_when_it_is_back()
    {
        using var broker = new ServiceBusTestBroker(FreePort.Tcp());
        var queue = broker.AddQueue("cdr");
        broker.Start();
        await using var client = new ServiceBusClient(broker.ConnectionString, new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(100), TryTimeout = TimeSpan.FromSeconds(5) },
        });
        using var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var options = new ServiceBusOptions { ConnectionString = broker.ConnectionString };
        await using var busSender = new ServiceBusCdrSender(client, options, new ServiceBusTelemetry(metrics.GetRequiredService<IMeterFactory>()));
        var observed = new ObservedSender(busSender);
        using var outbox = new SqliteCdrOutbox(Path.Combine(folder, "outbox.db"));
        using var sender = new CdrOutboxSender(
            outbox,
            observed,
            Options.Create(new CdrOutboxOptions { MinRetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromMilliseconds(500) }),
            TimeProvider.System,
            NullLogger<CdrOutboxSender>.Instance);
        await sender.StartAsync(CancellationToken.None);

        for (var i = 0; i < 5; i++)
        {
            await outbox.PublishAsync(Cdr(i), CancellationToken.None);
        }

        await WaitUntilAsync(() => outbox.Depth == 0);
        broker.Stop();
        for (var i = 5; i < 10; i++)
        {
            await outbox.PublishAsync(Cdr(i), CancellationToken.None);
        }

        await WaitUntilAsync(() => Volatile.Read(ref observed.Failures) >= 2);
        Assert.Equal(5, outbox.Depth);
        broker.Start();
        await WaitUntilAsync(() => outbox.Depth == 0);
        await sender.StopAsync(CancellationToken.None);

        var ids = queue.Snapshot().Select(m => ServiceBusMessageId(m.Encoded)).ToArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => "call-" + i).Order(), ids.Distinct().Order());

        // At-least-once may resend a CDR whose ack was lost; the idempotent ingestion must still see each call once.
        var stored = new ConcurrentDictionary<string, int>();
        foreach (var id in ids)
        {
            stored.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        Assert.Equal(10, stored.Count);
    }

    static string ServiceBusMessageId(byte[] encoded)
    {
        var message = Amqp.Message.Decode(new Amqp.ByteBuffer(encoded, 0, encoded.Length, encoded.Length));
        return message.Properties.MessageId;
    }
}
