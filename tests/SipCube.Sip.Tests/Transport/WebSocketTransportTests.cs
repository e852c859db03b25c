using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Sip.Auth;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;
using SipCube.Sip.Registrar;
using SipCube.Sip.Transport;
using SipCube.Testing;

namespace SipCube.Sip.Tests.Transport;

public sealed class WebSocketTransportTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static string Request(string method, int cseq, string extra = "") => $"""
        {method} sip:example.com SIP/2.0
        Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bKws{cseq};rport
        Max-Forwards: 70
        From: <sip:alice@example.com>;tag=ws1
        To: <sip:alice@example.com>
        Call-ID: ws-call-1
        CSeq: {cseq} {method}
        Contact: <sip:alice@df7jal23ls0d.invalid;transport=ws>
        Expires: 600
        {extra}Content-Length: 0


        """;

    [Fact]
    public async Task Options_and_digest_register_over_a_websocket_are_answered_on_the_same_connection()
    {
        var clock = TestClock.Create();
        using var location = new InMemoryLocationService(clock);
        var transport = new WebSocketSipTransport(new IPEndPoint(IPAddress.Loopback, 7071), NullLogger<WebSocketSipTransport>.Instance);
        await using var endpoint = new SipEndpoint(new SipEndpointOptions(), clock);
        endpoint.AddTransport(transport);
        var credentials = new InMemoryDigestCredentialSource().Add("alice", "example.com", "secret");
        var authenticator = new DigestAuthenticator(new DigestAuthenticatorOptions { Secret = new byte[32] }, credentials, clock);
        endpoint.MapMethod(SipMethods.Register, new SipRegistrar(new RegistrarOptions(), authenticator, location, clock, endpoint.Metrics));
        await endpoint.StartAsync(CancellationToken.None);

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = await listener.AcceptTcpClientAsync();
        using var server = WebSocket.CreateFromStream(accepted.GetStream(), new WebSocketCreationOptions { IsServer = true, SubProtocol = "sip" });
        using var phone = WebSocket.CreateFromStream(client.GetStream(), new WebSocketCreationOptions { IsServer = false, SubProtocol = "sip" });
        var serving = transport.RunAsync(server, (IPEndPoint)accepted.Client.RemoteEndPoint!, (IPEndPoint)accepted.Client.LocalEndPoint!, CancellationToken.None);

        var options = await ExchangeAsync(phone, Request("OPTIONS", 1));
        Assert.Equal(200, options.StatusCode);
        Assert.Equal("127.0.0.1", options.TopVia!.Parameters.Get("received"));

        var challenge = await ExchangeAsync(phone, Request("REGISTER", 2));
        Assert.Equal(401, challenge.StatusCode);
        var auth = DigestClient.Authorization(challenge.GetAllLines(SipHeaderKind.WwwAuthenticate)[1], "alice", "secret", "REGISTER", "sip:example.com");
        var registered = await ExchangeAsync(phone, Request("REGISTER", 3, "Authorization: " + auth + "\n"));
        Assert.Equal(200, registered.StatusCode);
        var binding = Assert.Single(location.GetContacts("sip:alice@example.com"));
        Assert.Equal("WS", binding.Flow.Transport);
        Assert.Equal(1, transport.ConnectionCount);

        using var timeout = new CancellationTokenSource(Wait);
        await phone.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        await serving.WaitAsync(Wait);
        Assert.Equal(0, transport.ConnectionCount);
    }

    private static async Task<SipMessage> ExchangeAsync(WebSocket phone, string text)
    {
        using var timeout = new CancellationTokenSource(Wait);
        await phone.SendAsync(TestMessages.ToCrlf(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        var buffer = new byte[8192];
        var length = 0;
        ValueWebSocketReceiveResult frame;
        do
        {
            frame = await phone.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            length += frame.Count;
        }
        while (!frame.EndOfMessage);

        Assert.Equal(WebSocketMessageType.Text, frame.MessageType);
        var result = SipMessageParser.ParseDatagram(buffer.AsSpan(0, length));
        Assert.True(result.Status == SipParseStatus.Complete, Encoding.UTF8.GetString(buffer, 0, length));
        return result.Message!;
    }
}
