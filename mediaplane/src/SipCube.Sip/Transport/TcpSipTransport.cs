using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using SipCube.Sip.Diagnostics;
using SipCube.Sip.Parsing;

namespace SipCube.Sip.Transport;

/// <summary>
/// SIP over TCP, or over TLS when a certificate is given: accepts connections and frames each stream
/// with <see cref="SipStreamParser"/>.
/// </summary>
/// <remarks>
/// RFC 3261 §18.2 (responses on the same connection), §18.3 (framing), §26.2.1 (TLS), RFC 5626 §4.4.1
/// (a CRLFCRLF ping is answered with CRLF). A framing error closes the connection after a best-effort
/// 400, because the next message boundary is unknown. Idle connections without a binding are closed
/// (<see cref="SipConnectionOptions"/>).
/// </remarks>
public sealed class TcpSipTransport : ISipTransport
{
    private readonly IPEndPoint _bind;
    private readonly X509Certificate2? _certificate;
    private readonly ILogger _logger;
    private readonly SipParserLimits _limits;
    private readonly ConcurrentDictionary<long, SipStreamConnection> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SipConnectionOptions _connectionOptions;
    private IdleConnectionReaper? _reaper;
    private int _disposed;
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextId;

    /// <summary>Creates a TCP transport, or a TLS one when <paramref name="certificate"/> is set.</summary>
    public TcpSipTransport(IPEndPoint bind, ILogger<TcpSipTransport> logger, X509Certificate2? certificate = null, SipParserLimits? limits = null,
        SipConnectionOptions? connectionOptions = null)
    {
        _bind = bind;
        _logger = logger;
        _certificate = certificate;
        _limits = limits ?? SipParserLimits.Default;
        _connectionOptions = connectionOptions ?? SipConnectionOptions.Default;
    }

    /// <inheritdoc/>
    public string Name => _certificate is null ? "TCP" : "TLS";

    /// <inheritdoc/>
    public IPEndPoint LocalEndPoint { get; private set; } = new(IPAddress.None, 0);

    /// <summary>Open connections right now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>The flows of the open connections.</summary>
    public IReadOnlyList<SipFlow> Flows => _connections.Values.Select(c => c.Flow).ToList();

    /// <inheritdoc/>
    public Task StartAsync(ISipTransportSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _listener = new TcpListener(_bind);
        _listener.Start(512);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _reaper = new IdleConnectionReaper(_connections, _connectionOptions, _logger);
        _acceptLoop = Task.Run(() => AcceptLoopAsync(sink), CancellationToken.None);
        SipLog.TransportStarted(_logger, Name, LocalEndPoint);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> SendAsync(SipFlow flow, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var connection = _connections.TryGetValue(flow.ConnectionId, out var byId) ? byId : FindByRemote(flow.Remote);
        return connection is not null && await connection.SendAsync(data, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        // The host stops the endpoint and DI disposes it again: the second call must be a no-op.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        _reaper?.Dispose();
        _listener?.Stop();
        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync();
        }

        await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private SipStreamConnection? FindByRemote(IPEndPoint remote)
    {
        foreach (var connection in _connections.Values)
        {
            if (connection.Flow.Remote.Equals(remote))
            {
                return connection;
            }
        }

        return null;
    }

    private async Task AcceptLoopAsync(ISipTransportSink sink)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            socket.NoDelay = true;
            var id = Interlocked.Increment(ref _nextId);
            var flow = new SipFlow(Name, (IPEndPoint)socket.LocalEndPoint!, (IPEndPoint)socket.RemoteEndPoint!, id);
            _ = Task.Run(() => RunConnectionAsync(socket, flow, sink), CancellationToken.None);
        }
    }

    private async Task RunConnectionAsync(Socket socket, SipFlow flow, ISipTransportSink sink)
    {
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            if (_certificate is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                handshake.CancelAfter(TimeSpan.FromSeconds(10));
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, handshake.Token);
                stream = ssl;
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            SipLog.SendFailed(_logger, flow.ToString(), "TLS handshake failed");
            await stream.DisposeAsync();
            return;
        }

        var connection = new SipStreamConnection(stream, flow, _limits, _logger, _connectionOptions.Time);
        _connections[flow.ConnectionId] = connection;
        try
        {
            await connection.RunAsync(sink, _stop.Token);
        }
        finally
        {
            _connections.TryRemove(flow.ConnectionId, out _);
            await connection.DisposeAsync();
        }
    }
}
