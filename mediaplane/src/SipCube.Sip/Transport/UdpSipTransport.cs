using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SipCube.Sip.Diagnostics;
using SipCube.Sip.Parsing;

namespace SipCube.Sip.Transport;

/// <summary>SIP over UDP: one socket, a few concurrent receive loops, one datagram per message.</summary>
/// <remarks>
/// RFC 3261 §18.1.2 and §18.2.1; empty or CRLF-only datagrams are keep-alives and are ignored
/// (RFC 5626 §4.4.2 uses STUN on UDP, but phones commonly send CRLF).
/// </remarks>
public sealed class UdpSipTransport : ISipTransport
{
    private readonly IPEndPoint _bind;
    private readonly ILogger _logger;
    private readonly SipParserLimits _limits;
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private readonly List<Task> _loops = [];
    private Socket? _socket;

    /// <summary>Creates a UDP transport bound to <paramref name="bind"/> (port 0 picks a free one).</summary>
    public UdpSipTransport(IPEndPoint bind, ILogger<UdpSipTransport> logger, SipParserLimits? limits = null)
    {
        _bind = bind;
        _logger = logger;
        _limits = limits ?? SipParserLimits.Default;
    }

    /// <inheritdoc/>
    public string Name => "UDP";

    /// <inheritdoc/>
    public IPEndPoint LocalEndPoint { get; private set; } = new(IPAddress.None, 0);

    /// <summary>How many receive loops run concurrently on the socket.</summary>
    public int ReceiveLoops { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <inheritdoc/>
    public Task StartAsync(ISipTransportSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _socket = new Socket(_bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveBuffer, 4 * 1024 * 1024);
        _socket.Bind(_bind);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        for (var i = 0; i < ReceiveLoops; i++)
        {
            _loops.Add(Task.Run(() => ReceiveLoopAsync(sink), CancellationToken.None));
        }

        SipLog.TransportStarted(_logger, Name, LocalEndPoint);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> SendAsync(SipFlow flow, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (_socket is null)
        {
            return false;
        }

        try
        {
            await _socket.SendToAsync(data, SocketFlags.None, flow.Remote, cancellationToken);
            return true;
        }
        catch (SocketException ex)
        {
            SipLog.SendFailed(_logger, flow.ToString(), ex.SocketErrorCode.ToString());
            return false;
        }
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
        _socket?.Dispose();
        await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync(ISipTransportSink sink)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(65_536);
        EndPoint any = new IPEndPoint(_bind.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                SocketReceiveFromResult received;
                try
                {
                    received = await _socket!.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    continue; // ICMP port unreachable from an earlier send, or an oversized datagram
                }

                var datagram = buffer.AsSpan(0, received.ReceivedBytes);
                if (datagram.Trim("\r\n"u8).IsEmpty)
                {
                    continue;
                }

                var flow = new SipFlow(Name, LocalEndPoint, (IPEndPoint)received.RemoteEndPoint);
                var result = SipMessageParser.ParseDatagram(datagram, _limits);
                await Dispatch(sink, flow, result);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask Dispatch(ISipTransportSink sink, SipFlow flow, SipParseResult result)
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
#pragma warning disable CA1031 // one bad message must never stop the receive loop
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SipLog.HandlerFailed(_logger, flow.ToString(), ex);
        }
    }
}
