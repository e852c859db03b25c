using System.Net.WebSockets;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using SipCube.Xmpp.Framing;
using SipCube.Xmpp.Stanzas;

namespace SipCube.Xmpp.Session;

/// <summary>
/// One WebSocket and the stream on it: the RFC 7395 open, SASL PLAIN, stream restart, bind and initial presence,
/// then reading stanzas until either side closes. Reconnecting is the caller's job (<see cref="XmppClient"/>).
/// </summary>
/// <remarks>
/// RFC 7395 §3.3-3.6, RFC 6120 §6 (SASL) and §7 (bind), RFC 4616 (PLAIN).
/// <code>
///  open → features(mechanisms) → auth → success → open → features(bind) → iq bind → presence → stanzas … close
/// </code>
/// </remarks>
internal sealed partial class XmppConnection : IAsyncDisposable
{
    private static readonly XNamespace Framing = XmppNamespaces.Framing;
    private static readonly XNamespace Stream = XmppNamespaces.Stream;
    private static readonly XNamespace Sasl = XmppNamespaces.Sasl;
    private static readonly XNamespace BindNs = XmppNamespaces.Bind;
    private static readonly XNamespace ClientNs = XmppNamespaces.Client;

    private readonly ClientWebSocket _socket = new();
    private readonly WebSocketStanzaReader _reader;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly XmppClientOptions _options;
    private readonly ILogger _logger;

    public XmppConnection(XmppClientOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _reader = new WebSocketStanzaReader(_socket, options.MaxStanzaBytes);
        _socket.Options.AddSubProtocol("xmpp");
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    public Jid BoundJid { get; private set; }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public async Task ConnectAsync(XmppCredentials credentials, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ResponseTimeout * 3);
        var ct = timeout.Token;
        await _socket.ConnectAsync(_options.ServiceUri, ct).ConfigureAwait(false);
        if (_socket.SubProtocol != "xmpp")
        {
            throw new XmppException("server did not select the 'xmpp' WebSocket subprotocol (RFC 7395 §3.1)");
        }

        var features = await OpenStreamAsync(credentials.Domain, ct).ConfigureAwait(false);
        var mechanisms = features.Element(Sasl + "mechanisms")?.Elements(Sasl + "mechanism").Select(m => m.Value).ToList() ?? [];
        if (!mechanisms.Contains("PLAIN"))
        {
            throw new XmppException("server offers no SASL PLAIN mechanism");
        }

        await AuthenticateAsync(credentials, ct).ConfigureAwait(false);
        features = await OpenStreamAsync(credentials.Domain, ct).ConfigureAwait(false);
        if (features.Element(BindNs + "bind") is null)
        {
            throw new XmppException("server offers no resource binding after SASL");
        }

        await BindAsync(ct).ConfigureAwait(false);
        await SendAsync(new XElement(ClientNs + "presence"), ct).ConfigureAwait(false);
    }

    /// <summary>Reads the next stanza; null when the stream ended (close element, socket close or oversize input).</summary>
    public async Task<XElement?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            switch (status)
            {
                case StanzaReadStatus.Complete:
                    break;
                case StanzaReadStatus.TooLarge:
                    XmppLog.BadStanza(_logger, "stanza larger than " + _options.MaxStanzaBytes + " bytes");
                    await SendStreamErrorAsync("policy-violation").ConfigureAwait(false);
                    throw new XmppException("inbound stanza exceeds the size cap", "policy-violation", false);
                case StanzaReadStatus.Binary:
                    await SendStreamErrorAsync("unsupported-stanza-type").ConfigureAwait(false);
                    throw new XmppException("binary WebSocket frame on an XMPP stream", "unsupported-stanza-type", false);
                default:
                    return null;
            }

            var parsed = StanzaParser.Parse(_reader.Current.Span);
            if (!parsed.IsSuccess)
            {
                XmppLog.BadStanza(_logger, parsed.Error!);
                await SendStreamErrorAsync("not-well-formed").ConfigureAwait(false);
                throw new XmppException("server sent malformed XML: " + parsed.Error, "not-well-formed", false);
            }

            var element = parsed.Element!;
            if (_logger.IsEnabled(LogLevel.Trace))
            {
                XmppLog.Received(_logger, Encoding.UTF8.GetString(_reader.Current.Span));
            }

            if (element.Name == Framing + "close")
            {
                return null;
            }

            if (element.Name == Stream + "error")
            {
                var condition = element.Elements().FirstOrDefault()?.Name.LocalName ?? "undefined-condition";
                throw new XmppException("stream error from server: " + condition, condition, false);
            }

            return element;
        }
    }

    public async Task SendAsync(XElement element, CancellationToken cancellationToken)
    {
        var bytes = StanzaWriter.ToUtf8(element);
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            XmppLog.Sent(_logger, Encoding.UTF8.GetString(bytes));
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends the framing close and closes the socket; best effort, bounded by the response timeout.</summary>
    public async Task CloseAsync()
    {
        if (_socket.State != WebSocketState.Open)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_options.ResponseTimeout);
        try
        {
            await SendAsync(new XElement(Framing + "close"), timeout.Token).ConfigureAwait(false);
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }
    }

    /// <summary>Drops the socket at once; a pending read fails and the owner's loop ends.</summary>
    public void Abort() => _socket.Abort();

    /// <summary>Called only by the owner once no read is pending, so the pooled buffer can go back.</summary>
    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        _reader.Dispose();
        _sendLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task SendStreamErrorAsync(string condition)
    {
        using var timeout = new CancellationTokenSource(_options.ResponseTimeout);
        try
        {
            var error = new XElement(Stream + "error", new XElement(XName.Get(condition, XmppNamespaces.Streams)));
            await SendAsync(error, timeout.Token).ConfigureAwait(false);
            await SendAsync(new XElement(Framing + "close"), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }
    }
}
