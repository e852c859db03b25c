using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Xmpp.Framing;
using SipCube.Xmpp.Stanzas;

namespace SipCube.Xmpp.Session;

/// <summary>
/// A long-lived XMPP-over-WebSocket client for one identity: keeps a session up, reconnecting with exponential
/// backoff and fresh credentials, answers server pings, and hands inbound message/presence stanzas to
/// <see cref="StanzaReceived"/>. Handlers run on the receive loop and must not block.
/// </summary>
/// <remarks>RFC 7395, RFC 6120 §6-§8, XEP-0199.</remarks>
public sealed partial class XmppClient : IAsyncDisposable
{
    private static readonly XNamespace ClientNs = XmppNamespaces.Client;
    private static readonly XNamespace PingNs = XmppNamespaces.Ping;

    private readonly XmppClientOptions _options;
    private readonly Func<XmppConnectAttempt, CancellationToken, ValueTask<XmppCredentials>> _credentials;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly XmppMetrics? _metrics;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<XElement>> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private XmppConnection? _connection;
    private Task? _loop;
    private long _nextId;
    private string _domain = string.Empty;
    private XmppConnectionState _state;

    /// <summary>Creates a client; nothing happens until <see cref="Start"/>.</summary>
    public XmppClient(
        XmppClientOptions options,
        Func<XmppConnectAttempt, CancellationToken, ValueTask<XmppCredentials>> credentials,
        TimeProvider? timeProvider = null,
        ILogger<XmppClient>? logger = null,
        XmppMetrics? metrics = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _metrics = metrics;
    }

    /// <summary>Raised for each inbound <c>message</c> or <c>presence</c> stanza.</summary>
    public event Action<XElement>? StanzaReceived;

    /// <summary>Raised when a session reaches bind (first connect and every reconnect).</summary>
    public event Action<Jid>? Online;

    /// <summary>Raised when a bound session ends, with the cause when it failed.</summary>
    public event Action<Exception?>? Offline;

    /// <summary>The full JID of the current session, or null while offline.</summary>
    public Jid? BoundJid => _connection is { IsOpen: true } c ? c.BoundJid : null;

    /// <summary>Where the connect/reconnect loop stands (also counted by <c>sipcube.xmpp.connections</c>).</summary>
    public XmppConnectionState State => _state;

    /// <summary>True while a bound session is up.</summary>
    public bool IsOnline => BoundJid is not null;

    /// <summary>Starts the connect/reconnect loop in the background.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("already started");
        }

        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>Waits until the client is online, or throws <see cref="TimeoutException"/>.</summary>
    public async Task WaitOnlineAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var online = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(Jid _) => online.TrySetResult();
        Online += Handler;
        try
        {
            if (IsOnline)
            {
                return;
            }

            await online.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Online -= Handler;
        }
    }

    /// <summary>Sends a stanza; false when offline (the caller's retry policy decides what happens next).</summary>
    public async Task<bool> TrySendAsync(XElement stanza, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stanza);
        var connection = _connection;
        if (connection is not { IsOpen: true })
        {
            return false;
        }

        try
        {
            await connection.SendAsync(stanza, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Sends an XEP-0199 ping to the server; true when it answered within <paramref name="timeout"/>.</summary>
    public async Task<bool> PingAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var ping = new XElement(ClientNs + "iq", new XAttribute("type", "get"), new XAttribute("to", _domain), new XElement(PingNs + "ping"));
        var reply = await RequestAsync(ping, timeout, cancellationToken).ConfigureAwait(false);
        return reply?.Attribute("type")?.Value == "result";
    }

    /// <summary>Sends an IQ and awaits its result or error; null when offline, over the pending cap, or timed out.</summary>
    public async Task<XElement?> RequestAsync(XElement iq, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(iq);
        if (_pending.Count >= _options.MaxPendingRequests)
        {
            return null;
        }

        var id = "sc" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        iq.SetAttributeValue("id", id);
        var reply = new TaskCompletionSource<XElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            if (!await TrySendAsync(iq, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return await reply.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or XmppException)
        {
            return null;
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Drops the current socket without a close handshake (tests and forced re-login); the loop reconnects.</summary>
    public void ResetConnection() => _connection?.Abort();

    /// <summary>Closes the session cleanly and stops reconnecting.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            if (_connection is { } connection)
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }

            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }
}
