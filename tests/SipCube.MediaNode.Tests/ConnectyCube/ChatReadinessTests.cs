using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using SipCube.ConnectyCube;
using SipCube.MediaNode.Tests.Hosting;

namespace SipCube.MediaNode.Tests.ConnectyCube;

/// <summary>Issue 12: <c>/health/ready</c> is 503 while ConnectyCube chat is unreachable, and the chat gauge says so.</summary>
public sealed class ChatReadinessTests
{
    [Fact]
    public async Task Ready_is_503_when_the_configured_chat_endpoint_is_dead()
    {
        var dead = ClosedPort();
        using var node = new NodeFactory(settings: new Dictionary<string, string>
        {
            ["SipCube:ConnectyCube:ApplicationId"] = "1",
            ["SipCube:ConnectyCube:AuthKey"] = "k",
            ["SipCube:ConnectyCube:ApiUrl"] = $"http://127.0.0.1:{dead}",
            ["SipCube:ConnectyCube:ChatUrl"] = $"ws://127.0.0.1:{dead}/ws",
        });
        using var client = node.CreateClient();

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(1, node.Services.GetRequiredService<ConnectyCubeChatMetrics>().Disconnected);
        var scrape = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("sipcube_connectycube_chat_disconnected 1", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_is_200_with_the_embedded_emulator_listening()
    {
        using var node = new NodeFactory(settings: NodeFactory.OwnEmulator());
        using var client = node.CreateClient();

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(0, node.Services.GetRequiredService<ConnectyCubeChatMetrics>().Disconnected);
        Assert.Same(node.Services.GetRequiredService<ConnectyCubeChatMetrics>(), node.Services.GetRequiredService<ConnectyCubeChatOptions>().Metrics);
    }

    private static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
