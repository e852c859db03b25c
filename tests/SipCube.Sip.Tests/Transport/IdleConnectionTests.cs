using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SipCube.Sip.Registrar;
using SipCube.Sip.Transport;
using SipCube.Testing;

namespace SipCube.Sip.Tests.Transport;

public sealed class IdleConnectionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Idle_connection_is_closed_after_the_timeout_and_keep_alives_count_as_traffic()
    {
        var clock = TestClock.Create();
        await using var server = await StartAsync(clock, new SipConnectionOptions { Time = clock });
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.Port);
        var stream = client.GetStream();
        await PingAsync(stream);

        clock.Advance(TimeSpan.FromMinutes(14));
        await PingAsync(stream);
        clock.Advance(TimeSpan.FromMinutes(14));
        await PingAsync(stream);
        Assert.Equal(1, server.Transport.ConnectionCount);

        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.True(await ClosedAsync(stream), "the idle connection should have been closed");
    }

    [Fact]
    public async Task Connection_carrying_a_binding_stays_open_while_idle()
    {
        var clock = TestClock.Create();
        using var location = new InMemoryLocationService(clock);
        await using var server = await StartAsync(clock, new SipConnectionOptions { Time = clock, FlowInUse = location.HasBindingOn });
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.Port);
        var stream = client.GetStream();
        await PingAsync(stream);
        var flow = Assert.Single(server.Flows);
        location.Upsert(new ContactBinding("sip:alice@example.com", "<sip:alice@10.0.0.2>", "sip:alice@10.0.0.2", flow, "c1", 1,
            clock.GetUtcNow().AddHours(2), null));

        clock.Advance(TimeSpan.FromMinutes(40));
        await PingAsync(stream);

        location.Remove("sip:alice@example.com", "<sip:alice@10.0.0.2>", "unregistered");
        Assert.False(location.HasBindingOn(flow));
        clock.Advance(TimeSpan.FromMinutes(16));
        Assert.True(await ClosedAsync(stream), "without the binding the idle connection should have been closed");
    }

    private static async Task<Server> StartAsync(FakeTimeProvider clock, SipConnectionOptions options)
    {
        var port = FreePort.Tcp();
        var transport = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, port), NullLogger<TcpSipTransport>.Instance, connectionOptions: options);
        var endpoint = new SipEndpoint(new SipEndpointOptions { PublicAddress = "127.0.0.1" }, clock);
        endpoint.AddTransport(transport);
        await endpoint.StartAsync(CancellationToken.None);
        return new Server(endpoint, transport, port);
    }

    private static async Task PingAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(Wait);
        await stream.WriteAsync("\r\n\r\n"u8.ToArray(), timeout.Token);
        var pong = new byte[2];
        await stream.ReadExactlyAsync(pong, timeout.Token);
        Assert.Equal("\r\n"u8.ToArray(), pong);
    }

    private static async Task<bool> ClosedAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(Wait);
        try
        {
            return await stream.ReadAsync(new byte[16], timeout.Token) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private sealed class Server(SipEndpoint endpoint, TcpSipTransport transport, int port) : IAsyncDisposable
    {
        public TcpSipTransport Transport { get; } = transport;

        public int Port { get; } = port;

        public IReadOnlyList<SipFlow> Flows => Transport.Flows;

        public ValueTask DisposeAsync() => endpoint.DisposeAsync();
    }
}
