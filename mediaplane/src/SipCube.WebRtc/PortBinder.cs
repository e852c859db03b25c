using System.Net;
using System.Net.Sockets;

namespace SipCube.WebRtc;

/// <summary>Binds a UDP socket to a specific address and a free port from a range, starting at a random port.</summary>
internal static class PortBinder
{
    public static Socket Bind(IPAddress address, int min, int max)
    {
        if (min == 0 && max == 0)
        {
            return Try(address, 0) ?? throw new SocketException((int)SocketError.AddressNotAvailable);
        }

        if (min <= 0 || max < min || max > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(min), "bad port range");
        }

        var span = max - min + 1;
        var start = Random.Shared.Next(span);
        for (var i = 0; i < span; i++)
        {
            var socket = Try(address, min + ((start + i) % span));
            if (socket is not null)
            {
                return socket;
            }
        }

        throw new SocketException((int)SocketError.AddressAlreadyInUse);
    }

    private static Socket? Try(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}
