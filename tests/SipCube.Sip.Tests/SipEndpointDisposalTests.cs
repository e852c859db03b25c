using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Sip.Transport;
using SipCube.Testing;

namespace SipCube.Sip.Tests;

/// <summary>The host stops the endpoint and the DI container disposes it again; neither may throw.</summary>
public sealed class SipEndpointDisposalTests
{
    [Fact]
    public async Task Disposing_a_started_endpoint_twice_does_not_throw()
    {
        var port = FreePort.UdpAndTcp();
        var endpoint = new SipEndpoint(new SipEndpointOptions { PublicAddress = "127.0.0.1" });
        endpoint.AddTransport(new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, port), NullLogger<UdpSipTransport>.Instance));
        endpoint.AddTransport(new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, port), NullLogger<TcpSipTransport>.Instance));
        await endpoint.StartAsync(CancellationToken.None);

        await endpoint.DisposeAsync();
        await endpoint.DisposeAsync();
    }

    [Fact]
    public async Task Disposing_transports_twice_does_not_throw()
    {
        var port = FreePort.UdpAndTcp();
        var udp = new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, port), NullLogger<UdpSipTransport>.Instance);
        var tcp = new TcpSipTransport(new IPEndPoint(IPAddress.Loopback, port), NullLogger<TcpSipTransport>.Instance);

        await udp.DisposeAsync();
        await udp.DisposeAsync();
        await tcp.DisposeAsync();
        await tcp.DisposeAsync();
    }
}
