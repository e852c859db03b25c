using System.Net.WebSockets;
using System.Text;

namespace SipCube.MediaNode.Tests.Sip;

/// <summary>SIP over WebSocket (RFC 7118) through the node's own HTTP pipeline at <c>/sip</c>.</summary>
public sealed class SipWebSocketEndpointTests
{
    [Fact]
    public async Task Options_over_the_node_websocket_is_answered_on_the_same_connection()
    {
        using var node = new Hosting.NodeFactory();
        var client = node.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers["Sec-WebSocket-Protocol"] = "sip";
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = await client.ConnectAsync(new Uri(node.Server.BaseAddress, "sip"), cts.Token);
        const string options =
            "OPTIONS sip:127.0.0.1 SIP/2.0\r\n" +
            "Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK56sdasks\r\n" +
            "Max-Forwards: 70\r\n" +
            "To: <sip:127.0.0.1>\r\n" +
            "From: <sip:ws-probe@127.0.0.1>;tag=abc123\r\n" +
            "Call-ID: ws-options-1\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Content-Length: 0\r\n\r\n";

        await socket.SendAsync(Encoding.UTF8.GetBytes(options), WebSocketMessageType.Text, true, cts.Token);
        var buffer = new byte[8192];
        var received = await socket.ReceiveAsync(buffer, cts.Token);
        var response = Encoding.UTF8.GetString(buffer, 0, received.Count);

        Assert.StartsWith("SIP/2.0 200", response, StringComparison.Ordinal);
        Assert.Contains("Call-ID: ws-options-1", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_websocket_without_the_sip_subprotocol_is_refused()
    {
        using var node = new Hosting.NodeFactory();
        var client = node.Server.CreateWebSocketClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(new Uri(node.Server.BaseAddress, "sip"), cts.Token));
    }
}
