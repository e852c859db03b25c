using System.Buffers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using SipCube.ConnectyCube.Emulator.Directory;

namespace SipCube.ConnectyCube.Emulator.Chat;

/// <summary>
/// One client WebSocket of the emulated chat server: RFC 7395 framing, SASL PLAIN (password or session token),
/// bind, ping and routing. Peer mistakes end in the stream or stanza error RFC 6120 defines for them, and only ever
/// close this one connection.
/// </summary>
/// <remarks>
/// RFC 7395 §3, RFC 6120 §4.9 (stream errors), §6 (SASL), §7 (bind), §8.3 (stanza errors); connectycube-protocol.md §7.
/// <code>
///   state      │ accepts                    │ next
///   Opening    │ open                       │ Auth (features: PLAIN)
///   Auth       │ auth (PLAIN)               │ Restart on success, Auth on failure (3 tries)
///   Restart    │ open                       │ Bind (features: bind, session)
///   Bind/Bound │ iq, message, presence      │ Bound after bind; close ends in any state
/// </code>
/// </remarks>
internal sealed partial class ChatConnection
{
    private const int MaxAuthFailures = 3;

    private readonly WebSocket _socket;
    private readonly EmulatorDirectory _directory;
    private readonly ChatRouter _router;
    private readonly EmulatorOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<string> _outbound;
    private ChatState _state = ChatState.Opening;
    private int _authFailures;
    private string _domain = "localhost";

    public ChatConnection(WebSocket socket, EmulatorDirectory directory, ChatRouter router, EmulatorOptions options, ILogger logger)
    {
        _socket = socket;
        _directory = directory;
        _router = router;
        _options = options;
        _logger = logger;
        _outbound = Channel.CreateBounded<string>(new BoundedChannelOptions(options.MaxQueuedStanzas)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    private enum ChatState
    {
        Opening,
        Auth,
        Restart,
        Bind,
        Bound,
        Closed,
    }

    /// <summary>The authenticated <c>userId-appId</c>, once SASL succeeded.</summary>
    public string? ChatName { get; private set; }

    /// <summary>The bound resource.</summary>
    public string? Resource { get; private set; }

    private string FullJid => $"{ChatName}@{_domain}/{Resource}";

    /// <summary>Queues a stanza for this client; a client that stops reading is cut off rather than buffered forever.</summary>
    public bool Enqueue(string stanza)
    {
        if (_outbound.Writer.TryWrite(stanza))
        {
            return true;
        }

        EmulatorLog.SlowClient(_logger, ChatName ?? "?");
        Abort();
        return false;
    }

    public void Abort() => _socket.Abort();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var writer = WriteLoopAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(_options.MaxStanzaBytes + 1);
        try
        {
            while (_state != ChatState.Closed)
            {
                var (status, length) = await ReadMessageAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (status == ReadStatus.Closed)
                {
                    break;
                }

                if (status == ReadStatus.TooLarge)
                {
                    StreamError("policy-violation");
                    break;
                }

                if (status == ReadStatus.Binary)
                {
                    StreamError("unsupported-stanza-type");
                    break;
                }

                Handle(buffer.AsSpan(0, length));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            EmulatorLog.ChatDropped(_logger, ChatName ?? "?", ex.Message);
        }
        finally
        {
            _state = ChatState.Closed;
            _router.Unregister(this);
            _outbound.Writer.TryComplete();
            ArrayPool<byte>.Shared.Return(buffer);
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Handle(ReadOnlySpan<byte> utf8)
    {
        XElement element;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(utf8);
            using var reader = XmlReader.Create(new StringReader(text), ParserSettings);
            element = XElement.Load(reader);
        }
        catch (Exception ex) when (ex is XmlException or DecoderFallbackException)
        {
            EmulatorLog.BadStanza(_logger, ChatName ?? "?", ex.Message);
            StreamError("not-well-formed");
            return;
        }

        if (element.Name == Ns.Framing + "close")
        {
            Send("<close xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\"/>");
            Close();
            return;
        }

        switch (_state)
        {
            case ChatState.Opening or ChatState.Restart:
                HandleOpen(element);
                break;
            case ChatState.Auth:
                HandleAuth(element);
                break;
            default:
                HandleStanza(element, text);
                break;
        }
    }

    private void HandleOpen(XElement element)
    {
        if (element.Name != Ns.Framing + "open")
        {
            StreamError(element.Name.LocalName == "stream" ? "unsupported-version" : "not-authorized");
            return;
        }

        if (element.Attribute("to")?.Value is { Length: > 0 and < 256 } to)
        {
            _domain = to;
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        Send($"<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" from=\"{Escape(_domain)}\" id=\"{id}\" version=\"1.0\" xml:lang=\"en\"/>");
        if (_state == ChatState.Opening)
        {
            Send("<stream:features xmlns:stream=\"http://etherx.jabber.org/streams\"><mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><mechanism>PLAIN</mechanism></mechanisms></stream:features>");
            _state = ChatState.Auth;
        }
        else
        {
            Send("<stream:features xmlns:stream=\"http://etherx.jabber.org/streams\"><bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"/><session xmlns=\"urn:ietf:params:xml:ns:xmpp-session\"><optional/></session></stream:features>");
            _state = ChatState.Bind;
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var stanza in _outbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (stanza.Length == 0)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
                return;
            }

            EmulatorLog.ChatSent(_logger, ChatName ?? "?", stanza);
            await _socket.SendAsync(Encoding.UTF8.GetBytes(stanza), WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Send(string stanza) => Enqueue(stanza);

    /// <summary>Ends the stream after queued stanzas: an empty entry tells the writer to close the socket.</summary>
    private void Close()
    {
        _state = ChatState.Closed;
        _outbound.Writer.TryWrite(string.Empty);
        _outbound.Writer.TryComplete();
    }

    private void StreamError(string condition)
    {
        Send($"<stream:error xmlns:stream=\"http://etherx.jabber.org/streams\"><{condition} xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/></stream:error>");
        Send("<close xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\"/>");
        Close();
    }

    private static string Escape(string value) => System.Security.SecurityElement.Escape(value);
}
