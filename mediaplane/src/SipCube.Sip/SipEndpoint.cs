using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Sip.Diagnostics;
using SipCube.Sip.Message;
using SipCube.Sip.Transactions;
using SipCube.Sip.Transport;

namespace SipCube.Sip;

/// <summary>
/// The SIP endpoint: owns the transports and the transaction tables, fixes up Via (received/rport),
/// answers what no handler wants (OPTIONS, 405, 501, 420, 416, 400) and routes new requests to handlers.
/// </summary>
/// <remarks>
/// RFC 3261 §8.2 (UAS checks in order: method, Require, URI scheme), §17 (transactions), §18.2.1 and
/// RFC 3581 §4 (received/rport), §11 (OPTIONS). Split by concern into partial files.
/// </remarks>
public sealed partial class SipEndpoint : ISipTransportSink, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServerTransaction> _servers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ClientTransaction> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ISipRequestHandler> _handlers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ISipTransport> _transports = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<SipFlow, byte[], ValueTask<bool>> _send;
    private readonly Action<ServerTransaction> _removeServer;
    private readonly Action<ServerTransaction, TimeSpan> _finalResponseSent;
    private readonly SipHeaderField? _serverHeader;
    private readonly ILogger _logger;
    private readonly ILogger _trafficLogger;
    private string _allow = "OPTIONS, ACK, CANCEL";
    private int _disposed;

    /// <summary>Creates an endpoint.</summary>
    public SipEndpoint(SipEndpointOptions? options = null, TimeProvider? time = null, ILoggerFactory? loggerFactory = null, SipMetrics? metrics = null)
    {
        Options = options ?? new SipEndpointOptions();
        Time = time ?? TimeProvider.System;
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = factory.CreateLogger("SipCube.Sip.BadMessages");
        _trafficLogger = factory.CreateLogger("SipCube.Sip.Traffic");
        Metrics = metrics ?? new SipMetrics(null);
        _send = SendBytesAsync;

        // Made once: every server transaction and every response would otherwise allocate them again.
        _removeServer = RemoveServer;
        _finalResponseSent = (t, elapsed) => Metrics.FinalResponse(t.Request.Method!, t.LastStatus, elapsed);
        _serverHeader = Options.ServerName is null ? null : new SipHeaderField(SipHeaderKind.Server, Options.ServerName);
    }

    /// <summary>Settings.</summary>
    public SipEndpointOptions Options { get; }

    /// <summary>The clock every timer uses.</summary>
    public TimeProvider Time { get; }

    /// <summary>Instruments.</summary>
    public SipMetrics Metrics { get; }

    /// <summary>Transports by name.</summary>
    public IReadOnlyDictionary<string, ISipTransport> Transports => _transports;

    /// <summary>Live server transactions (for tests and metrics).</summary>
    public int ServerTransactionCount => _servers.Count;

    /// <summary>Live client transactions.</summary>
    public int ClientTransactionCount => _clients.Count;

    /// <summary>Adds a transport (before <see cref="StartAsync"/>).</summary>
    public void AddTransport(ISipTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transports[transport.Name] = transport;
    }

    /// <summary>Routes new requests of <paramref name="method"/> to <paramref name="handler"/> and adds it to Allow.</summary>
    public void MapMethod(string method, ISipRequestHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers[method] = handler;
        _allow = string.Join(", ", new[] { SipMethods.Options, SipMethods.Ack, SipMethods.Cancel }.Concat(_handlers.Keys).Distinct());
    }

    /// <summary>Starts every transport.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var transport in _transports.Values)
        {
            await transport.StartAsync(this, cancellationToken);
        }
    }

    /// <summary>
    /// Sends a request on <paramref name="flow"/> through a new client transaction, adding our Via; completes
    /// with the final response, or null on timeout or transport error.
    /// </summary>
    public async Task<SipMessage?> SendRequestAsync(SipMessage request, SipFlow flow)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(flow);
        var transaction = CreateClientTransaction(request, flow, addVia: true);
        await transaction.StartAsync();
        return await transaction.FinalResponse;
    }

    /// <summary>Registers a client transaction for <paramref name="request"/> without sending it yet, so the caller
    /// can subscribe to its events first. <paramref name="addVia"/> false keeps the request's own top Via (CANCEL).</summary>
    internal ClientTransaction CreateClientTransaction(SipMessage request, SipFlow flow, bool addVia)
    {
        if (addVia)
        {
            AddVia(request, flow);
        }

        var key = TransactionKey.ForClient(request);
        var transaction = new ClientTransaction(key, request, flow, Options.Timers, Time, _send, t => RemoveClient(t));
        _clients[key] = transaction;
        Metrics.TransactionStarted();
        return transaction;
    }

    /// <summary>Puts our Via with a fresh branch on top of <paramref name="request"/>.</summary>
    internal void AddVia(SipMessage request, SipFlow flow) =>
        request.Headers.Insert(0, new SipHeaderField(SipHeaderKind.Via, $"SIP/2.0/{flow.Transport} {SentBy(flow)};branch={SipResponseFactory.NewBranch()};rport"));

    /// <summary>Sends serialized bytes on a flow outside any transaction (ACK for 2xx, 2xx retransmissions).</summary>
    internal ValueTask<bool> SendRawAsync(SipFlow flow, byte[] bytes) => SendBytesAsync(flow, bytes);

    private string SentBy(SipFlow flow)
    {
        var host = Options.PublicAddress ?? flow.Local.Address.ToString();
        if (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('['))
        {
            host = "[" + host + "]";
        }

        return host + ":" + flow.Local.Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Sends a response through the request's server transaction.</summary>
    internal ValueTask<bool> SendResponseAsync(SipServerRequest request, SipMessage response)
    {
        if (_serverHeader is { } server && response.Get(SipHeaderKind.Server) is null)
        {
            response.Headers.Add(server);
        }

        return request.Transaction is null
            ? SendBytesAsync(request.Flow, SipMessageWriter.ToArray(response))
            : request.Transaction.SendResponseAsync(response);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        // Stopped by its hosted service and disposed again by the container: dispose once.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var transport in _transports.Values)
        {
            await transport.DisposeAsync();
        }

        foreach (var transaction in _servers.Values)
        {
            transaction.Dispose();
        }

        foreach (var transaction in _clients.Values)
        {
            transaction.Dispose();
        }
    }

    private ValueTask<bool> SendBytesAsync(SipFlow flow, byte[] bytes)
    {
        if (_trafficLogger.IsEnabled(LogLevel.Trace))
        {
            SipLog.Sent(_trafficLogger, flow.ToString(), SipTraceFormatter.Redact(bytes));
        }

        return _transports.TryGetValue(flow.Transport, out var transport)
            ? transport.SendAsync(flow, bytes, CancellationToken.None)
            : ValueTask.FromResult(false);
    }

    private void RemoveServer(ServerTransaction transaction)
    {
        if (_servers.TryRemove(new KeyValuePair<string, ServerTransaction>(transaction.Key, transaction)))
        {
            Metrics.TransactionEnded();
            transaction.Dispose();
        }
    }

    private void RemoveClient(ClientTransaction transaction)
    {
        if (_clients.TryRemove(new KeyValuePair<string, ClientTransaction>(transaction.Key, transaction)))
        {
            Metrics.TransactionEnded();
            transaction.Dispose();
        }
    }
}
