using System.Buffers;
using System.Net.WebSockets;

namespace SipCube.Xmpp.Framing;

/// <summary>
/// Cuts a WebSocket into whole stanzas: one text message is one complete XML element, so the framing layer only
/// has to assemble fragments, enforce the size cap before any XML parser runs, and refuse binary frames.
/// </summary>
/// <remarks>RFC 7395 §3.2 (one element per message, text frames only).</remarks>
public sealed class WebSocketStanzaReader : IDisposable
{
    private readonly WebSocket _socket;
    private readonly int _maxStanzaBytes;
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a reader with a pooled buffer that grows up to <paramref name="maxStanzaBytes"/>.</summary>
    public WebSocketStanzaReader(WebSocket socket, int maxStanzaBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStanzaBytes, 64);
        _socket = socket;
        _maxStanzaBytes = maxStanzaBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(4096, maxStanzaBytes));
    }

    /// <summary>The bytes of the last complete message; valid until the next read.</summary>
    public ReadOnlyMemory<byte> Current => _buffer.AsMemory(0, _length);

    /// <summary>Reads the next message. Oversize input is drained only up to the cap, never buffered.</summary>
    public async ValueTask<StanzaReadStatus> ReadAsync(CancellationToken cancellationToken)
    {
        _length = 0;
        while (true)
        {
            if (_length == _buffer.Length)
            {
                if (_buffer.Length >= _maxStanzaBytes)
                {
                    return StanzaReadStatus.TooLarge;
                }

                Grow();
            }

            var free = Math.Min(_buffer.Length, _maxStanzaBytes + 1) - _length;
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(_length, free), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return StanzaReadStatus.Closed;
            }

            if (result.MessageType == WebSocketMessageType.Binary)
            {
                return StanzaReadStatus.Binary;
            }

            _length += result.Count;
            if (_length > _maxStanzaBytes)
            {
                return StanzaReadStatus.TooLarge;
            }

            if (result.EndOfMessage)
            {
                return StanzaReadStatus.Complete;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Grow()
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxStanzaBytes + 1));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
