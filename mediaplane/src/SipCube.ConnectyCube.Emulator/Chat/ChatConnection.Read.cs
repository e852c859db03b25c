using System.Net.WebSockets;
using System.Xml;

namespace SipCube.ConnectyCube.Emulator.Chat;

/// <summary>Framing: one WebSocket text message is one element; size-capped before any XML parsing (RFC 7395 §3.2).</summary>
internal sealed partial class ChatConnection
{
    private static readonly XmlReaderSettings ParserSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private enum ReadStatus
    {
        Complete,
        TooLarge,
        Binary,
        Closed,
    }

    private async Task<(ReadStatus Status, int Length)> ReadMessageAsync(byte[] buffer, CancellationToken ct)
    {
        var length = 0;
        var limit = _options.MaxStanzaBytes;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(length, limit + 1 - length), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (ReadStatus.Closed, 0);
            }

            if (result.MessageType == WebSocketMessageType.Binary)
            {
                return (ReadStatus.Binary, 0);
            }

            length += result.Count;
            if (length > limit)
            {
                return (ReadStatus.TooLarge, 0);
            }

            if (result.EndOfMessage)
            {
                return (ReadStatus.Complete, length);
            }
        }
    }
}
