namespace SipCube.Sdp;

/// <summary>A <c>c=</c> line: <c>IN IP4 192.0.2.1</c>.</summary>
/// <remarks>RFC 8866 §5.7</remarks>
public sealed record SdpConnection(string NetType, string AddressType, string Address)
{
    /// <summary>An <c>IN IP4</c>/<c>IN IP6</c> connection for <paramref name="address"/>.</summary>
    public static SdpConnection For(System.Net.IPAddress address) =>
        new("IN", address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4", address.ToString());

    /// <inheritdoc />
    public override string ToString() => $"{NetType} {AddressType} {Address}";

    internal static SdpConnection? TryParse(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 3 ? new SdpConnection(parts[0], parts[1], parts[2]) : null;
    }
}
