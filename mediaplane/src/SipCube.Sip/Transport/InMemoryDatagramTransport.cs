using System.Collections.Concurrent;
using System.Net;
using SipCube.Sip.Parsing;

namespace SipCube.Sip.Transport;

/// <summary>One endpoint of an <see cref="InMemorySipNetwork"/>; behaves like UDP.</summary>
/// <remarks>RFC 3261 §18 (unreliable transport semantics: retransmission timers run).</remarks>
public sealed class InMemoryDatagramTransport : ISipTransport
{
    private readonly InMemorySipNetwork _network;
    private ISipTransportSink? _sink;

    internal InMemoryDatagramTransport(InMemorySipNetwork network, IPEndPoint endPoint)
    {
        _network = network;
        LocalEndPoint = endPoint;
    }

    /// <inheritdoc/>
    public string Name => "UDP";

    /// <inheritdoc/>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Raw datagrams that reached this node without a sink (a plain test peer).</summary>
    public ConcurrentQueue<byte[]> Inbox { get; } = new();

    /// <inheritdoc/>
    public Task StartAsync(ISipTransportSink sink, CancellationToken cancellationToken)
    {
        _sink = sink;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<bool> SendAsync(SipFlow flow, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return _network.DeliverAsync(LocalEndPoint, flow.Remote, data.ToArray());
    }

    /// <summary>Sends raw bytes to <paramref name="to"/> (a test peer speaking for itself).</summary>
    public ValueTask<bool> SendRawAsync(IPEndPoint to, byte[] data) => _network.DeliverAsync(LocalEndPoint, to, data);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal async ValueTask ReceiveAsync(IPEndPoint from, byte[] data)
    {
        if (_sink is null)
        {
            Inbox.Enqueue(data);
            return;
        }

        var flow = new SipFlow(Name, LocalEndPoint, from);
        var result = SipMessageParser.ParseDatagram(data);
        if (result.Status == SipParseStatus.Complete)
        {
            await _sink.OnMessageAsync(flow, result.Message!);
        }
        else
        {
            await _sink.OnBadMessageAsync(flow, result);
        }
    }
}
