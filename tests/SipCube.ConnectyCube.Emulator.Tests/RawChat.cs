using System.Net.WebSockets;
using System.Text;

namespace SipCube.ConnectyCube.Emulator.Tests;

/// <summary>A bare WebSocket chat client that sends and receives raw frames, for protocol-violation tests.</summary>
internal sealed class RawChat : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public WebSocketState State => _socket.State;

    public static async Task<RawChat> ConnectAsync(Uri uri, string? subprotocol = "xmpp")
    {
        var chat = new RawChat();
        if (subprotocol is not null)
        {
            chat._socket.Options.AddSubProtocol(subprotocol);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await chat._socket.ConnectAsync(uri, timeout.Token);
        return chat;
    }

    public async Task SendAsync(string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>Next text frame, or null when the server closed.</summary>
    public async Task<string?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[256 * 1024];
        var length = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
    }

    /// <summary>Runs open, PLAIN, restart and bind; returns the bound JID.</summary>
    public async Task<string> LoginAsync(int userId, string password, string domain = "localhost")
    {
        await SendAsync($"<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" to=\"{domain}\" version=\"1.0\"/>");
        await ReceiveAsync();
        await ReceiveAsync();
        var plain = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{userId}-1\0{password}"));
        await SendAsync($"<auth xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\" mechanism=\"PLAIN\">{plain}</auth>");
        var success = await ReceiveAsync();
        Assert.Contains("<success", success, StringComparison.Ordinal);
        await SendAsync($"<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" to=\"{domain}\" version=\"1.0\"/>");
        await ReceiveAsync();
        await ReceiveAsync();
        await SendAsync("<iq type=\"set\" id=\"b1\" xmlns=\"jabber:client\"><bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"/></iq>");
        var bound = await ReceiveAsync();
        var start = bound!.IndexOf("<jid>", StringComparison.Ordinal) + 5;
        return bound[start..bound.IndexOf("</jid>", StringComparison.Ordinal)];
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        await Task.CompletedTask;
    }
}
