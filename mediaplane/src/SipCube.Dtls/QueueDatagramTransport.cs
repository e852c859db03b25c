using System.Collections.Concurrent;
using Org.BouncyCastle.Tls;

namespace SipCube.Dtls;

/// <summary>
/// Bridges BouncyCastle's blocking <see cref="DatagramTransport"/> to our demultiplexed socket: received DTLS
/// records are queued by <see cref="Enqueue"/>, sends go to a callback. Receive honours BouncyCastle's wait time,
/// which is what drives its handshake retransmission timer (RFC 6347 §4.2.4).
/// </summary>
internal sealed class QueueDatagramTransport : DatagramTransport
{
    private const int Mtu = 1200;
    private const int MaxQueued = 256;
    private readonly BlockingCollection<byte[]> queue = new(new ConcurrentQueue<byte[]>(), MaxQueued);
    private readonly Action<ReadOnlyMemory<byte>> send;
    private readonly CancellationTokenSource closed = new();

    public QueueDatagramTransport(Action<ReadOnlyMemory<byte>> send) => this.send = send;

    public bool IsClosed => closed.IsCancellationRequested;

    public void Enqueue(ReadOnlySpan<byte> datagram)
    {
        if (!closed.IsCancellationRequested)
        {
            // A full queue means the handshake thread is stuck; dropping is what the network would do.
            queue.TryAdd(datagram.ToArray());
        }
    }

    public int GetReceiveLimit() => Mtu;

    public int GetSendLimit() => Mtu;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        try
        {
            if (!queue.TryTake(out var datagram, Math.Max(0, waitMillis), closed.Token))
            {
                return -1;
            }

            var n = Math.Min(datagram.Length, buffer.Length);
            datagram.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
        catch (OperationCanceledException)
        {
            throw new TlsFatalAlert(AlertDescription.close_notify);
        }
    }

    public void Send(byte[] buf, int off, int len) => send(buf.AsMemory(off, len).ToArray());

    public void Send(ReadOnlySpan<byte> buffer) => send(buffer.ToArray());

    public void Close()
    {
        if (!closed.IsCancellationRequested)
        {
            closed.Cancel();
        }
    }

    public void Dispose()
    {
        Close();
        closed.Dispose();
        queue.Dispose();
    }
}
