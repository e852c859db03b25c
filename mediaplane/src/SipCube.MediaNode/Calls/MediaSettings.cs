using System.Net;
using SipCube.Calls.Media;

namespace SipCube.MediaNode.Calls;

/// <summary>
/// Configuration section <c>SipCube:Media</c>: where call media binds and what it advertises. Sockets bind to one
/// concrete address, never a wildcard (a wildcard-bound RTP socket answers from whichever address the kernel picks,
/// which breaks symmetric RTP behind NAT).
/// </summary>
internal sealed class MediaSettings
{
    public const string Section = "SipCube:Media";

    /// <summary>Address RTP (phone side) and WebRTC (app side) sockets bind to; default: the SIP bind address when it
    /// is concrete, else the first non-loopback IPv4 address, else 127.0.0.1.</summary>
    public string? BindAddress { get; set; }

    /// <summary>Address written into SDP and ICE candidates (the public address behind 1:1 NAT); default: the SIP
    /// public address, else the bind address.</summary>
    public string? PublicAddress { get; set; }

    /// <summary>UDP port range for both sides (one RTP port, or an RTP/RTCP pair, per phone leg; one port per WebRTC leg).</summary>
    public int PortMin { get; set; } = 10000;

    /// <summary>Upper end of the port range (inclusive).</summary>
    public int PortMax { get; set; } = 20000;

    /// <summary>No media on a leg for this long ends an answered call.</summary>
    public TimeSpan MediaTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The bridge's options for the given SIP settings.</summary>
    public MediaBridgeOptions ToOptions(string sipBindAddress, string? sipPublicAddress)
    {
        var bind = ResolveBind(BindAddress ?? sipBindAddress);
        var advertised = IPAddress.Parse(PublicAddress ?? sipPublicAddress ?? bind.ToString());
        var middle = PortMin + ((PortMax - PortMin) / 2);
        return new MediaBridgeOptions
        {
            SipBindAddress = bind,
            SipAdvertisedAddress = advertised,
            SipPortMin = PortMin,
            SipPortMax = middle,
            WebRtcBindAddress = bind,
            WebRtcAdvertisedAddresses = [advertised],
            WebRtcPortMin = middle + 1,
            WebRtcPortMax = PortMax,
            MediaTimeout = MediaTimeout,
        };
    }

    private static IPAddress ResolveBind(string configured)
    {
        var address = IPAddress.Parse(configured);
        if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
        {
            return address;
        }

        return System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }
}
