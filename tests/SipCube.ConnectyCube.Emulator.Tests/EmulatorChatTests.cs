using System.Xml.Linq;
using SipCube.Xmpp.Session;

namespace SipCube.ConnectyCube.Emulator.Tests;

public sealed class EmulatorChatTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Message_is_routed_with_from_stamped_and_raw_crlf_kept()
    {
        var (alice, _) = await emulator.LoginAsync("route-alice", "pa");
        var (bob, _) = await emulator.LoginAsync("route-bob", "pb");
        await using var aliceChat = await RawChat.ConnectAsync(emulator.Host.ChatUri);
        await using var bobChat = await RawChat.ConnectAsync(emulator.Host.ChatUri);
        var aliceJid = await aliceChat.LoginAsync(alice, "pa");
        await bobChat.LoginAsync(bob, "pb", domain: "127.0.0.1");

        await aliceChat.SendAsync($"<message xmlns=\"jabber:client\" type=\"headline\" id=\"m1\" to=\"{bob}-1@127.0.0.1\"><extraParams xmlns=\"jabber:client\"><sdp>v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n</sdp></extraParams></message>");
        var received = await bobChat.ReceiveAsync();

        Assert.NotNull(received);
        Assert.Contains($"from=\"{aliceJid}\"", received, StringComparison.Ordinal);
        Assert.Contains("v=0\r\no=-", received, StringComparison.Ordinal);
        Assert.DoesNotContain("<delay", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_token_works_as_the_chat_password()
    {
        var (user, token) = await emulator.LoginAsync("token-user", "pw");
        await using var chat = await RawChat.ConnectAsync(emulator.Host.ChatUri);
        var jid = await chat.LoginAsync(user, token);
        Assert.StartsWith($"{user}-1@localhost/", jid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_gets_sasl_not_authorized()
    {
        var (user, _) = await emulator.LoginAsync("sasl-wrong", "pw");
        await using var chat = await RawChat.ConnectAsync(emulator.Host.ChatUri);
        await chat.SendAsync("<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" to=\"localhost\" version=\"1.0\"/>");
        var open = await chat.ReceiveAsync();
        var features = await chat.ReceiveAsync();
        Assert.Contains("<mechanism>PLAIN</mechanism>", features, StringComparison.Ordinal);
        Assert.Contains("from=\"localhost\"", open, StringComparison.Ordinal);
        var plain = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"\0{user}-1\0nope"));
        await chat.SendAsync($"<auth xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\" mechanism=\"PLAIN\">{plain}</auth>");
        Assert.Equal("<failure xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><not-authorized/></failure>", await chat.ReceiveAsync());
    }

    [Fact]
    public async Task Broken_xml_gets_not_well_formed_and_the_server_keeps_serving()
    {
        await using (var chat = await RawChat.ConnectAsync(emulator.Host.ChatUri))
        {
            await chat.SendAsync("<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" to=\"localhost\"");
            var error = await chat.ReceiveAsync();
            Assert.Contains("<not-well-formed xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>", error, StringComparison.Ordinal);
            Assert.Contains("<close", await chat.ReceiveAsync(), StringComparison.Ordinal);
            Assert.Null(await chat.ReceiveAsync());
        }

        var (user, _) = await emulator.LoginAsync("after-broken-xml", "pw");
        await using var next = await RawChat.ConnectAsync(emulator.Host.ChatUri);
        Assert.NotEmpty(await next.LoginAsync(user, "pw"));
    }

    [Fact]
    public async Task Oversize_stanza_gets_policy_violation()
    {
        await using var chat = await RawChat.ConnectAsync(emulator.Host.ChatUri);
        await chat.SendAsync("<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" to=\"localhost\" version=\"1.0\"/>" + new string(' ', 70_000));
        Assert.Contains("<policy-violation", await chat.ReceiveAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dtd_is_refused_as_not_well_formed()
    {
        await using var chat = await RawChat.ConnectAsync(emulator.Host.ChatUri);
        await chat.SendAsync("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\">&a;</open>");
        Assert.Contains("<not-well-formed", await chat.ReceiveAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_before_authentication_is_a_not_authorized_stream_error()
    {
        await using var chat = await RawChat.ConnectAsync(emulator.Host.ChatUri);
        await chat.SendAsync("<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" to=\"localhost\" version=\"1.0\"/>");
        await chat.ReceiveAsync();
        await chat.ReceiveAsync();
        await chat.SendAsync("<message xmlns=\"jabber:client\" to=\"1-1@localhost\"/>");
        Assert.Contains("<not-authorized", await chat.ReceiveAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Websocket_without_the_xmpp_subprotocol_is_refused()
    {
        await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => RawChat.ConnectAsync(emulator.Host.ChatUri, subprotocol: null));
    }

    [Fact]
    public async Task Xmpp_client_logs_in_pings_and_receives_messages()
    {
        var (user, token) = await emulator.LoginAsync("client-user", "pw");
        var (peer, _) = await emulator.LoginAsync("client-peer", "pp");
        await using var client = NewClient(user, token);
        var received = new TaskCompletionSource<XElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StanzaReceived += s => received.TrySetResult(s);
        client.Start();
        await client.WaitOnlineAsync(Wait);
        Assert.True(await client.PingAsync(Wait));

        await using var peerChat = await RawChat.ConnectAsync(emulator.Host.ChatUri);
        var peerJid = await peerChat.LoginAsync(peer, "pp");
        await peerChat.SendAsync($"<message xmlns=\"jabber:client\" type=\"chat\" to=\"{user}-1@localhost\"><body>hi</body></message>");
        var message = await received.Task.WaitAsync(Wait);
        Assert.Equal("hi", message.Value);
        Assert.Equal(peerJid, message.Attribute("from")?.Value);
    }

    [Fact]
    public async Task Xmpp_client_is_back_within_five_seconds_after_the_server_drops_the_socket()
    {
        var (user, token) = await emulator.LoginAsync("reconnect-user", "pw");
        await using var client = NewClient(user, token);
        client.Start();
        await client.WaitOnlineAsync(Wait);
        var back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Online += _ => back.TrySetResult();

        var dropped = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(1, emulator.Host.DisconnectChat(user, 1));
        await back.Task.WaitAsync(Wait);
        Assert.True(dropped.Elapsed < TimeSpan.FromSeconds(5), $"reconnect took {dropped.Elapsed}");
        Assert.True(emulator.Host.IsChatOnline(user, 1));
    }

    [Fact]
    public async Task Xmpp_client_asks_for_fresh_credentials_after_a_rejection()
    {
        var (user, token) = await emulator.LoginAsync("fresh-creds", "pw");
        var attempts = new List<XmppConnectAttempt>();
        var options = new XmppClientOptions { ServiceUri = emulator.Host.ChatUri, InitialReconnectDelay = TimeSpan.FromMilliseconds(50) };
        await using var client = new XmppClient(options, (attempt, _) =>
        {
            lock (attempts)
            {
                attempts.Add(attempt);
            }

            return ValueTask.FromResult(new XmppCredentials($"{user}-1", attempt.Number == 1 ? "stale-token" : token, "localhost"));
        });
        client.Start();
        await client.WaitOnlineAsync(Wait);
        lock (attempts)
        {
            Assert.False(attempts[0].PreviousRejected);
            Assert.True(attempts[1].PreviousRejected);
        }
    }

    private XmppClient NewClient(int user, string password) => new(
        new XmppClientOptions { ServiceUri = emulator.Host.ChatUri },
        (_, _) => ValueTask.FromResult(new XmppCredentials($"{user}-1", password, "localhost")));
}
