using System.Net.WebSockets;
using System.Text;
using SipCube.Xmpp.Framing;

namespace SipCube.Xmpp.Tests;

public sealed class WebSocketStanzaReaderTests
{
    [Fact]
    public async Task Assembles_a_message_split_over_many_frames()
    {
        using var socket = new ScriptedSocket(["<mes", "sage/", ">"]);
        using var reader = new WebSocketStanzaReader(socket, 1024);
        Assert.Equal(StanzaReadStatus.Complete, await reader.ReadAsync(CancellationToken.None));
        Assert.Equal("<message/>", Encoding.UTF8.GetString(reader.Current.Span));
    }

    [Fact]
    public async Task Stops_at_the_cap_instead_of_buffering_an_oversize_message()
    {
        using var socket = new ScriptedSocket([new string('x', 500), new string('y', 600)]);
        using var reader = new WebSocketStanzaReader(socket, 1000);
        Assert.Equal(StanzaReadStatus.TooLarge, await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Refuses_binary_frames()
    {
        using var socket = new ScriptedSocket(["<a/>"], WebSocketMessageType.Binary);
        using var reader = new WebSocketStanzaReader(socket, 1000);
        Assert.Equal(StanzaReadStatus.Binary, await reader.ReadAsync(CancellationToken.None));
    }

    /// <summary>Returns the given fragments as one message, each fragment possibly over several reads.</summary>
    private sealed class ScriptedSocket(string[] fragments, WebSocketMessageType type = WebSocketMessageType.Text) : WebSocket
    {
        private int _index;

        public override WebSocketCloseStatus? CloseStatus => null;

        public override string? CloseStatusDescription => null;

        public override WebSocketState State => WebSocketState.Open;

        public override string? SubProtocol => "xmpp";

        public override void Abort()
        {
        }

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Dispose()
        {
        }

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
        {
            if (_index >= fragments.Length)
            {
                return Task.FromResult(new WebSocketReceiveResult(0, WebSocketMessageType.Close, true));
            }

            var bytes = Encoding.UTF8.GetBytes(fragments[_index]);
            var count = Math.Min(bytes.Length, buffer.Count);
            bytes.AsSpan(0, count).CopyTo(buffer);
            if (count == bytes.Length)
            {
                _index++;
            }
            else
            {
                fragments[_index] = fragments[_index][count..];
            }

            return Task.FromResult(new WebSocketReceiveResult(count, type, _index == fragments.Length && count == bytes.Length));
        }

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
