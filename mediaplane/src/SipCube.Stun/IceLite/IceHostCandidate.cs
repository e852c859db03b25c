using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SipCube.Stun.IceLite;

/// <summary>A host candidate an ICE-lite agent advertises (component 1, UDP).</summary>
/// <remarks>RFC 8445 §5.1.2 (priority), RFC 8839 §5.1 (the candidate-attribute grammar).</remarks>
public sealed record IceHostCandidate(string Foundation, IPAddress Address, int Port, uint Priority)
{
    /// <summary>
    /// Builds a host candidate with the recommended priority: type preference 126, local preference
    /// decreasing with <paramref name="index"/> (the first configured address is preferred), component 1.
    /// </summary>
    public static IceHostCandidate Create(IPAddress address, int port, int index)
    {
        var localPreference = (uint)Math.Max(0, 65535 - index);
        var priority = (126u << 24) | (localPreference << 8) | (256 - 1);
        var foundation = (address.AddressFamily == AddressFamily.InterNetworkV6 ? 6000 : 4000) + index;
        return new IceHostCandidate(foundation.ToString(CultureInfo.InvariantCulture), address, port, priority);
    }

    /// <summary>The value of the SDP <c>a=candidate:</c> attribute (without the attribute name).</summary>
    public string ToSdpValue() => string.Create(CultureInfo.InvariantCulture,
        $"{Foundation} 1 udp {Priority} {Address} {Port} typ host generation 0");
}
