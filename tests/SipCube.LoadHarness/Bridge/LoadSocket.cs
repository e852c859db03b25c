using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace SipCube.LoadHarness.Bridge;

/// <summary>
/// The one UDP socket every call of the harness sends and receives on, with one blocking receive thread that hands
/// each datagram to the call whose node port it came from. The node's WebRTC legs each have a port of their own and
/// learn our address from our ICE checks, so many calls can share our end; one socket and one thread keep the
/// harness cheaper than the node it measures (a socket and an async receive per call cost a thread-pool hop per packet).
/// </summary>
internal sealed class LoadSocket : IDisposable
{
    private readonly LoadCall?[] byRemotePort = new LoadCall?[65536];
    private readonly Thread thread;
    private volatile bool stopped;

    public LoadSocket()
    {
        Socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveBufferSize = 1 << 22,
            SendBufferSize = 1 << 22,
        };
        Socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        thread = new Thread(Run) { IsBackground = true, Name = "load-receive", Priority = ThreadPriority.AboveNormal };
        thread.Start();
    }

    public Socket Socket { get; }

    /// <summary>Our port, written into every answer's candidate.</summary>
    public int LocalPort => ((IPEndPoint)Socket.LocalEndPoint!).Port;

    /// <summary>Datagrams from a port no call owns (a call that ended, or a stray).</summary>
    public long Unrouted { get; private set; }

    public void Route(int remotePort, LoadCall? call) => Volatile.Write(ref byRemotePort[remotePort], call);

    public void Dispose()
    {
        stopped = true;
        Socket.Dispose();
        thread.Join(TimeSpan.FromSeconds(2));
    }

    private void Run()
    {
        var buffer = new byte[2048];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        while (!stopped)
        {
            int n;
            try
            {
                n = Socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (SocketException)
            {
                // ICMP port unreachable from a node port that just closed surfaces here on Linux; keep reading.
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            // SocketAddress layout for IPv4: family (2 bytes), port (2, network order), address (4).
            var port = BinaryPrimitives.ReadUInt16BigEndian(from.Buffer.Span[2..]);
            if (Volatile.Read(ref byRemotePort[port]) is { } call)
            {
                try
                {
                    call.Handle(buffer.AsSpan(0, n));
                }
                catch (ObjectDisposedException)
                {
                    // The call ended between the lookup and its SRTP/DTLS use.
                }
            }
            else
            {
                Unrouted++;
            }
        }
    }
}
