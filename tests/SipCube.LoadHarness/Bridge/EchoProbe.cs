using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SipCube.LoadHarness.Bridge;

/// <summary>
/// The baseline for the latency figures: tagged plain-RTP packets at 50 pps sent straight to SIPp's echo port (no
/// node), under the same load. The node's added one-way latency is then about (via-node RTT − direct RTT) / 2, since
/// the via-node path crosses the node twice and SIPp's echo and the harness's own scheduling once each, like this one.
/// </summary>
internal sealed class EchoProbe : IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource stop = new();
    private readonly SocketAddress target;

    public EchoProbe(int echoPort)
    {
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        target = new IPEndPoint(IPAddress.Loopback, echoPort).Serialize();
        new Thread(Send) { IsBackground = true, Name = "echo-probe-send" }.Start();
        new Thread(Receive) { IsBackground = true, Name = "echo-probe-receive" }.Start();
    }

    /// <summary>Round trips harness → SIPp echo → harness.</summary>
    public LatencyHistogram RoundTrips { get; } = new();

    public void Dispose()
    {
        stop.Cancel();
        socket.Dispose();
    }

    private void Send()
    {
        var packet = new byte[12 + 160];
        packet[0] = 0x80;
        var next = Stopwatch.GetTimestamp();
        ushort sequence = 0;
        while (!stop.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= next)
            {
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence++);
                BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), LoadCall.PayloadMagic);
                BinaryPrimitives.WriteInt64BigEndian(packet.AsSpan(16), now);
                try
                {
                    socket.SendTo(packet, SocketFlags.None, target);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return;
                }

                next += Stopwatch.Frequency / 50;
            }

            Thread.Sleep(1);
        }
    }

    private void Receive()
    {
        var buffer = new byte[2048];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        while (!stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            if (n >= 24 && BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(12)) == LoadCall.PayloadMagic)
            {
                RoundTrips.Add(Stopwatch.GetTimestamp() - BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(16)));
            }
        }
    }
}
