using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using SipCube.Sip.Diagnostics;
using SipCube.Sip.Parsing;

namespace SipCube.Sip.Transport;

/// <summary>
/// SIP over WebSocket: the host accepts the WebSocket (subprotocol <c>sip</c>) and hands it to
/// <see cref="RunAsync"/>; each connection is one flow, and responses go back on it.
/// </summary>
/// <remarks>
/// RFC 7118 §4 (subprotocol "sip"), §5 (one SIP message per WebSocket message, text or binary; no
/// Content-Length needed), §5.2 (Via transport "WS"/"WSS"). A message over the size limit closes the
/// connection with 1009, because the rest of it would have to be read and thrown away.
/// </remarks>
public sealed class WebSocketSipTransport : ISipTransport
{
    /// <summary>The WebSocket subprotocol (RFC 7118 §4.1).</summary>
    public const string SubProtocol = "sip";

    private readonly ConcurrentDictionary<long, Connection> _connections = new();
    private readonly ILogger _logger;
    private readonly SipParserLimits _limits;
    private readonly CancellationTokenSource _stop = new();
    private ISipTransportSink? _sink;
    private long _nextId;
    private int _disposed;

    /// <summary>Creates the transport; <paramref name="name"/> is "WS", or "WSS" behind TLS.</summary>
    public WebSocketSipTransport(IPEndPoint local, ILogger<WebSocketSipTransport> logger, string name = "WS", SipParserLimits? limits = null)
    {
        LocalEndPoint = local;
        _logger = logger;
        Name = name;
        _limits = limits ?? SipParserLimits.Default;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Open WebSocket connections right now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <inheritdoc/>
    public Task StartAsync(ISipTransportSink sink, CancellationToken cancellationToken)
    {
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        SipLog.TransportStarted(_logger, Name, LocalEndPoint);
        return Task.CompletedTask;
    }

    /// <summary>Serves one accepted WebSocket until it closes (the caller keeps the HTTP request open meanwhile).</summary>
    public async Task RunAsync(WebSocket socket, IPEndPoint remote, IPEndPoint local, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var sink = _sink ?? throw new InvalidOperationException("the transport has not been started");
        var flow = new SipFlow(Name, local, remote, Interlocked.Increment(ref _nextId));
        var connection = new Connection(socket, flow);
        _connections[flow.ConnectionId] = connection;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        try
        {
            await ReceiveLoopAsync(connection, sink, linked.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            _connections.TryRemove(flow.ConnectionId, out _);
            connection.Dispose();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> SendAsync(SipFlow flow, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (!_connections.TryGetValue(flow.ConnectionId, out var connection))
        {
            return false;
        }

        try
        {
            await connection.WriteLock.WaitAsync(cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }

        try
        {
            await connection.Socket.SendAsync(data, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
        {
            SipLog.SendFailed(_logger, flow.ToString(), ex.GetType().Name);
            return false;
        }
        finally
        {
            connection.WriteLock.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        foreach (var connection in _connections.Values)
        {
            connection.Socket.Abort();
        }

        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync(Connection connection, ISipTransportSink sink, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var frame = await connection.Socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken);
            if (frame.MessageType == WebSocketMessageType.Close)
            {
                await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                return;
            }

            buffer.Advance(frame.Count);
            if (buffer.WrittenCount > _limits.MaxMessageSize)
            {
                await sink.OnBadMessageAsync(connection.Flow, SipParseResult.Fail(SipParseError.MessageTooLarge, _limits.MaxMessageSize));
                await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "SIP message too large", cancellationToken);
                return;
            }

            if (!frame.EndOfMessage)
            {
                continue;
            }

            if (buffer.WrittenCount > 0)
            {
                await DeliverAsync(connection.Flow, sink, SipMessageParser.ParseDatagram(buffer.WrittenSpan, _limits));
            }

            buffer.ResetWrittenCount();
        }
    }

    private async Task DeliverAsync(SipFlow flow, ISipTransportSink sink, SipParseResult result)
    {
        try
        {
            if (result.Status == SipParseStatus.Complete)
            {
                await sink.OnMessageAsync(flow, result.Message!);
            }
            else
            {
                await sink.OnBadMessageAsync(flow, result);
            }
        }
#pragma warning disable CA1031 // one bad message must never kill the connection's receive loop
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SipLog.HandlerFailed(_logger, flow.ToString(), ex);
        }
    }

    private sealed class Connection(WebSocket socket, SipFlow flow) : IDisposable
    {
        public WebSocket Socket { get; } = socket;

        public SipFlow Flow { get; } = flow;

        public SemaphoreSlim WriteLock { get; } = new(1, 1);

        // The write lock is left to the GC: a send racing the close may still release it.
        public void Dispose() => Socket.Dispose();
    }
}
