using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SipCube.Contracts.Bus;
using SipCube.MediaNode.Bus;
using SipCube.MediaNode.Observability;
using SipCube.MediaNode.Tests.Bus;

namespace SipCube.MediaNode.Tests.Observability;

public sealed class DrainTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "sipcube-drain-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    sealed class Calls : IActiveCallCounter
    {
        public volatile int Live;

        public volatile bool Accepting = true;
        public int EndAllCalls;

        public int ActiveCalls => Live;

        public void StopAccepting() => Accepting = false;

        public Task EndAllAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref EndAllCalls);
            Live = 0;
            return Task.CompletedTask;
        }
    }

    sealed class Lifetime : IHostApplicationLifetime
    {
        public bool Stopped { get; private set; }

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopped = true;
    }

    (DrainOnShutdownService Service, NodeDrainState State, SqliteCdrOutbox Outbox, RecordingCdrSender Bus) Build(Calls calls, TimeSpan callDeadline)
    {
        var outbox = new SqliteCdrOutbox(Path.Combine(folder, "outbox.db"));
        var bus = new RecordingCdrSender();
        var sender = new CdrOutboxSender(outbox, bus, Options.Create(new CdrOutboxOptions()), TimeProvider.System, NullLogger<CdrOutboxSender>.Instance);
        var state = new NodeDrainState();
        var service = new DrainOnShutdownService(
            state,
            [calls],
            sender,
            Options.Create(new DrainOptions { CallDeadline = callDeadline, OutboxFlushDeadline = TimeSpan.FromSeconds(10) }),
            TimeProvider.System,
            NullLogger<DrainOnShutdownService>.Instance);
        return (service, state, outbox, bus);
    }

    [Fact]
    public async Task Shutdown_marks_the_node_not_ready_waits_for_live_calls_then_flushes_the_outbox()
    {
        var calls = new Calls { Live = 1 };
        var (service, state, outbox, bus) = Build(calls, TimeSpan.FromSeconds(20));
        using var _ = outbox;
        await outbox.PublishAsync(new BusMessage("call-1", "cdr", Encoding.UTF8.GetBytes("{}")), CancellationToken.None);
        var health = new DrainHealthCheck(state);

        var stopping = service.StoppingAsync(CancellationToken.None);
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (!state.IsDraining)
            {
                await Task.Delay(10, cts.Token);
            }
        }

        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.False(calls.Accepting);
        Assert.False(stopping.IsCompleted);
        calls.Live = 0;
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(["call-1"], bus.Accepted.Select(m => m.MessageId));
        Assert.Equal(0, outbox.Depth);
        Assert.Equal(0, calls.EndAllCalls);
    }

    [Fact]
    public async Task Shutdown_ends_the_calls_left_at_the_deadline()
    {
        var calls = new Calls { Live = 2 };
        var (service, state, outbox, _) = Build(calls, TimeSpan.FromMilliseconds(300));
        using var _ = outbox;

        await service.StoppingAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(state.IsDraining);
        Assert.Equal(1, calls.EndAllCalls);
        Assert.Equal(0, calls.ActiveCalls);
    }

    [Fact]
    public async Task A_drain_control_message_for_this_node_or_all_nodes_stops_the_host()
    {
        var mine = new Lifetime();
        var other = new Lifetime();
        var all = new Lifetime();

        await new DrainControlHandler(mine, "node-1", NullLogger<DrainControlHandler>.Instance).HandleAsync(new DrainMessage("NODE-1"), CancellationToken.None);
        await new DrainControlHandler(other, "node-2", NullLogger<DrainControlHandler>.Instance).HandleAsync(new DrainMessage("node-1"), CancellationToken.None);
        await new DrainControlHandler(all, "node-3", NullLogger<DrainControlHandler>.Instance).HandleAsync(new DrainMessage(null), CancellationToken.None);

        Assert.True(mine.Stopped);
        Assert.False(other.Stopped);
        Assert.True(all.Stopped);
    }

    [Fact]
    public async Task Ready_probe_turns_503_when_the_node_starts_draining()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("SipCube:DataDirectory", folder)
            .UseSetting("SipCube:Emulator:Url", $"http://127.0.0.1:{SipCube.Testing.FreePort.Tcp()}"));
        using var client = factory.CreateClient();

        var before = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        factory.Services.GetRequiredService<NodeDrainState>().BeginDrain();
        var after = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
