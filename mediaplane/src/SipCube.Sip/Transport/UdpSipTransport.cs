using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SipCube.Sip.Diagnostics;
using SipCube.Sip.Parsing;

namespace SipCube.Sip.Transport;

/// <summary>SIP over UDP: one socket, a few dedicated receive threads, one datagram per message.</summary>
/// <remarks>
/// RFC 3261 §18.1.2 and §18.2.1; empty or CRLF-only datagrams are keep-alives and are ignored
/// (RFC 5626 §4.4.2 uses STUN on UDP, but phones commonly send CRLF).
/// Each receive thread blocks in recvfrom and handles the message on its own stack until the handler first
/// waits for something real (a store lookup); sends are plain sendto calls. The REGISTER load run showed the
/// async receive (an epoll wake-up and a thread-pool hop per datagram) and async sends costing more CPU than
/// the SIP work itself on one core. The sender's address is decoded once per distinct source, not per datagram.
/// </remarks>
public sealed class UdpSipTransport : ISipTransport
{
    private readonly IPEndPoint _bind;
    private readonly ILogger _logger;
    private readonly SipParserLimits _limits;
    private readonly List<Thread> _threads = [];
    private volatile bool _stopping;
    private int _disposed;
    private Socket? _socket;
    private SentTo? _lastTarget;

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

    /// <summary>How many receive threads block on the socket (one per core, at most four).</summary>
    public int ReceiveLoops { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

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
            var thread = new Thread(() => ReceiveLoop(sink)) { IsBackground = true, Name = $"sip-udp-rx-{LocalEndPoint.Port}-{i}" };
            _threads.Add(thread);
            thread.Start();
        }

        SipLog.TransportStarted(_logger, Name, LocalEndPoint);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<bool> SendAsync(SipFlow flow, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var socket = _socket;
        if (socket is null || _stopping)
        {
            return ValueTask.FromResult(false);
        }

        try
        {
            // A UDP sendto does not wait for the peer: doing it inline is cheaper than any async hand-off.
            socket.SendTo(data.Span, SocketFlags.None, AddressOf(flow.Remote));
            return ValueTask.FromResult(true);
        }
        catch (SocketException ex)
        {
            SipLog.SendFailed(_logger, flow.ToString(), ex.SocketErrorCode.ToString());
            return ValueTask.FromResult(false);
        }
        catch (ObjectDisposedException)
        {
            return ValueTask.FromResult(false);
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

        _stopping = true;
        WakeReceivers();
        _socket?.Dispose();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        foreach (var thread in _threads)
        {
            var left = deadline - DateTime.UtcNow;
            if (left > TimeSpan.Zero && thread.IsAlive)
            {
                await Task.Run(() => thread.Join(left)).ConfigureAwait(false);
            }
        }
    }

    private void ReceiveLoop(ISipTransportSink sink)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(65_536);
        var address = new SocketAddress(_bind.AddressFamily);
        Source? last = null;
        try
        {
            while (!_stopping)
            {
                int received;
                try
                {
                    received = _socket!.ReceiveFrom(buffer, SocketFlags.None, address);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    continue; // ICMP port unreachable from an earlier send, or an oversized datagram
                }

                var datagram = buffer.AsSpan(0, received);
                if (datagram.Trim("\r\n"u8).IsEmpty)
                {
                    continue;
                }

                last = Source.For(last, address, this);
                var result = SipMessageParser.ParseDatagram(datagram, _limits);
                var pending = Dispatch(sink, last.Flow, result);
                if (!pending.IsCompleted)
                {
                    // The handler waits for something (a store lookup): let it finish on its own and keep receiving.
                    _ = pending.AsTask();
                }
            }
        }
        catch (SocketException) when (_stopping)
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

    // A blocked recvfrom returns on an empty datagram to our own port; closing the socket then wakes any thread
    // the datagram missed (Linux wakes receivers of a shut-down UDP socket).
    private void WakeReceivers()
    {
        if (_socket is null)
        {
            return;
        }

        var self = LocalEndPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : LocalEndPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : LocalEndPoint.Address;
        try
        {
            foreach (var _ in _threads)
            {
                _socket.SendTo(ReadOnlySpan<byte>.Empty, SocketFlags.None, new IPEndPoint(self, LocalEndPoint.Port));
            }
        }
        catch (SocketException)
        {
        }
    }

    private SocketAddress AddressOf(IPEndPoint remote)
    {
        var cached = _lastTarget;
        if (cached is not null && (ReferenceEquals(cached.EndPoint, remote) || cached.EndPoint.Equals(remote)))
        {
            return cached.Address;
        }

        var address = remote.AddressFamily == _bind.AddressFamily || _bind.AddressFamily != AddressFamily.InterNetworkV6
            ? remote.Serialize()
            : new IPEndPoint(remote.Address.MapToIPv6(), remote.Port).Serialize();
        _lastTarget = new SentTo(remote, address);
        return address;
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

    // The last destination's socket address, so answering the same phone again does not serialize it again.
    private sealed record SentTo(IPEndPoint EndPoint, SocketAddress Address);

    // The last source seen by one receive thread with its flow: a phone sending again reuses both.
    private sealed class Source
    {
        private Source(SocketAddress address, SipFlow flow)
        {
            Address = address;
            Flow = flow;
        }

        public SocketAddress Address { get; }

        public SipFlow Flow { get; }

        public static Source For(Source? last, SocketAddress received, UdpSipTransport transport)
        {
            if (last is not null && last.Address.Equals(received))
            {
                return last;
            }

            var copy = new SocketAddress(received.Family, received.Size);
            received.Buffer.Span[..received.Size].CopyTo(copy.Buffer.Span);
            var remote = (IPEndPoint)transport._bind.Create(copy);
            return new Source(copy, new SipFlow(transport.Name, transport.LocalEndPoint, remote));
        }
    }
}
