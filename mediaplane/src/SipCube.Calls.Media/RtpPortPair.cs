using System.Net;
using System.Net.Sockets;

namespace SipCube.Calls.Media;

/// <summary>
/// The two UDP sockets of the phone leg: RTP on an even port and RTCP on the next odd one, both bound to one
/// concrete address. With rtcp-mux the RTCP socket just stays unused; holding it keeps the pair together should the
/// phone decline mux.
/// </summary>
/// <remarks>RFC 3550 §11 (RTP on an even port, RTCP on the next higher odd port), RFC 5761 §5.1.1.</remarks>
internal sealed class RtpPortPair : IDisposable
{
    private const int EphemeralAttempts = 32;

    private RtpPortPair(Socket rtp, Socket rtcp)
    {
        Rtp = rtp;
        Rtcp = rtcp;
    }

    /// <summary>The RTP socket.</summary>
    public Socket Rtp { get; }

    /// <summary>The RTCP socket (RTP port + 1).</summary>
    public Socket Rtcp { get; }

    /// <summary>The RTP port.</summary>
    public int Port => ((IPEndPoint)Rtp.LocalEndPoint!).Port;

    /// <summary>Binds a free even/odd pair in [<paramref name="min"/>, <paramref name="max"/>] (both 0: any), starting
    /// at a random pair so consecutive calls do not reuse the same ports at once. Throws
    /// <see cref="SocketException"/> (AddressAlreadyInUse) when the range is exhausted.</summary>
    public static RtpPortPair Bind(IPAddress address, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            throw new ArgumentException("bind a concrete address, never a wildcard: RTP must leave from the address the SDP shows", nameof(address));
        }

        if (min == 0 && max == 0)
        {
            return BindEphemeral(address);
        }

        if (min <= 0 || max > 65535 || max < min + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(min), "the RTP port range needs at least one even/odd pair within 1-65535");
        }

        var first = (min + 1) & ~1;
        var pairs = ((max - first + 1) / 2);
        var start = pairs > 0 ? Random.Shared.Next(pairs) : 0;
        for (var i = 0; i < pairs; i++)
        {
            var port = first + (2 * ((start + i) % pairs));
            if (TryBindPair(address, port) is { } pair)
            {
                return pair;
            }
        }

        throw new SocketException((int)SocketError.AddressAlreadyInUse);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Rtp.Dispose();
        Rtcp.Dispose();
    }

    private static RtpPortPair BindEphemeral(IPAddress address)
    {
        for (var i = 0; i < EphemeralAttempts; i++)
        {
            var rtp = TryBind(address, 0);
            if (rtp is null)
            {
                break;
            }

            var port = ((IPEndPoint)rtp.LocalEndPoint!).Port;
            var rtcp = port % 2 == 0 && port < 65535 ? TryBind(address, port + 1) : null;
            if (rtcp is not null)
            {
                return new RtpPortPair(rtp, rtcp);
            }

            rtp.Dispose();
        }

        throw new SocketException((int)SocketError.AddressAlreadyInUse);
    }

    private static RtpPortPair? TryBindPair(IPAddress address, int port)
    {
        var rtp = TryBind(address, port);
        if (rtp is null)
        {
            return null;
        }

        var rtcp = TryBind(address, port + 1);
        if (rtcp is null)
        {
            rtp.Dispose();
            return null;
        }

        return new RtpPortPair(rtp, rtcp);
    }

    private static Socket? TryBind(IPAddress address, int port)
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
