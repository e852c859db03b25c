using System.Collections.Concurrent;
using System.Net;

namespace SipCube.Sip.Transport;

/// <summary>
/// A deterministic in-process "network" of datagram transports for tests: sends are delivered
/// synchronously to the transport bound at the destination, and can be dropped on purpose.
/// </summary>
/// <remarks>Like pion's vnet and sipgo's siptest: transactions and the registrar run without sockets.</remarks>
public sealed class InMemorySipNetwork
{
    private readonly ConcurrentDictionary<IPEndPoint, InMemoryDatagramTransport> _nodes = new();

    /// <summary>Every datagram ever sent, in order (for assertions).</summary>
    public ConcurrentQueue<(IPEndPoint From, IPEndPoint To, byte[] Data)> Sent { get; } = new();

    /// <summary>When set and returning true, the datagram is dropped.</summary>
    public Func<IPEndPoint, IPEndPoint, byte[], bool>? Drop { get; set; }

    /// <summary>Creates a transport at <paramref name="endPoint"/>.</summary>
    public InMemoryDatagramTransport CreateTransport(IPEndPoint endPoint)
    {
        var transport = new InMemoryDatagramTransport(this, endPoint);
        _nodes[endPoint] = transport;
        return transport;
    }

    internal async ValueTask<bool> DeliverAsync(IPEndPoint from, IPEndPoint to, byte[] data)
    {
        Sent.Enqueue((from, to, data));
        if (Drop?.Invoke(from, to, data) == true)
        {
            return true;
        }

        if (!_nodes.TryGetValue(to, out var target))
        {
            return true; // UDP: nobody listening looks like success to the sender
        }

        await target.ReceiveAsync(from, data);
        return true;
    }
}
