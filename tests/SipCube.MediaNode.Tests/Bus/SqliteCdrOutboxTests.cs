using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SipCube.Contracts.Bus;
using SipCube.MediaNode.Bus;

namespace SipCube.MediaNode.Tests.Bus;

public sealed class SqliteCdrOutboxTests : IDisposable
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    readonly string folder = Path.Combine(Path.GetTempPath(), "sipcube-outbox-" + Guid.NewGuid().ToString("N"));

    string DatabasePath => Path.Combine(folder, "outbox.db");

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static BusMessage Cdr(int n) => new("call-" + n, BusEntityNames.CdrSubject, Encoding.UTF8.GetBytes("{\"callId\":\"call-" + n + "\"}"))
    {
        TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    };

    static CdrOutboxSender SenderFor(SqliteCdrOutbox outbox, ICdrSender bus) => new(
        outbox,
        bus,
        Options.Create(new CdrOutboxOptions { MinRetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(50) }),
        TimeProvider.System,
        NullLogger<CdrOutboxSender>.Instance);

    [Fact]
    public async Task Published_cdrs_are_sent_in_order_with_all_fields_and_then_deleted()
    {
        using var outbox = new SqliteCdrOutbox(DatabasePath);
        var bus = new RecordingCdrSender();
        using var sender = SenderFor(outbox, bus);
        await sender.StartAsync(CancellationToken.None);

        for (var i = 0; i < 5; i++)
        {
            await outbox.PublishAsync(Cdr(i), CancellationToken.None);
        }

        await bus.WaitForCountAsync(5, Timeout);
        await sender.StopAsync(CancellationToken.None);

        Assert.Equal(["call-0", "call-1", "call-2", "call-3", "call-4"], bus.Accepted.Select(m => m.MessageId));
        var first = bus.Accepted[0];
        Assert.Equal("{\"callId\":\"call-0\"}", Encoding.UTF8.GetString(first.Body.Span));
        Assert.Equal(Cdr(0).TraceParent, first.TraceParent);
        Assert.Equal("application/json", first.ContentType);
        Assert.Equal(0, outbox.Depth);
        Assert.Empty(await outbox.ReadBatchAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Publishing_the_same_cdr_twice_stores_it_once()
    {
        using var outbox = new SqliteCdrOutbox(DatabasePath);
        await outbox.PublishAsync(Cdr(1), CancellationToken.None);
        await outbox.PublishAsync(Cdr(1), CancellationToken.None);

        Assert.Equal(1, outbox.Depth);
        Assert.Single(await outbox.ReadBatchAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Cdrs_written_while_the_bus_is_down_are_kept_and_each_is_sent_once_when_it_is_back()
    {
        using var outbox = new SqliteCdrOutbox(DatabasePath);
        var bus = new RecordingCdrSender { Down = true };
        using var sender = SenderFor(outbox, bus);
        await sender.StartAsync(CancellationToken.None);

        for (var i = 0; i < 10; i++)
        {
            await outbox.PublishAsync(Cdr(i), CancellationToken.None);
        }

        using (var cts = new CancellationTokenSource(Timeout))
        {
            while (Volatile.Read(ref bus.Attempts) < 3)
            {
                await Task.Delay(10, cts.Token);
            }
        }

        Assert.Equal(10, outbox.Depth);
        bus.Down = false;
        await bus.WaitForCountAsync(10, Timeout);
        await sender.StopAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => "call-" + i), bus.Accepted.Select(m => m.MessageId));
        Assert.Equal(0, outbox.Depth);
    }

    [Fact]
    public async Task Pending_cdrs_survive_a_restart_and_are_sent_by_the_next_process()
    {
        using (var before = new SqliteCdrOutbox(DatabasePath))
        {
            await before.PublishAsync(Cdr(1), CancellationToken.None);
            await before.PublishAsync(Cdr(2), CancellationToken.None);
        }

        using var after = new SqliteCdrOutbox(DatabasePath);
        Assert.Equal(2, after.Depth);
        var bus = new RecordingCdrSender();
        using var sender = SenderFor(after, bus);
        using var cts = new CancellationTokenSource(Timeout);

        Assert.True(await sender.FlushAsync(cts.Token));
        Assert.Equal(["call-1", "call-2"], bus.Accepted.Select(m => m.MessageId));
        Assert.Equal(0, after.Depth);
    }

    [Fact]
    public async Task Flush_gives_up_at_its_deadline_and_keeps_what_was_not_accepted()
    {
        using var outbox = new SqliteCdrOutbox(DatabasePath);
        await outbox.PublishAsync(Cdr(1), CancellationToken.None);
        var bus = new RecordingCdrSender { Down = true };
        using var sender = SenderFor(outbox, bus);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.False(await sender.FlushAsync(cts.Token));
        Assert.Equal(1, outbox.Depth);
        Assert.True(bus.Attempts >= 1);
    }
}
