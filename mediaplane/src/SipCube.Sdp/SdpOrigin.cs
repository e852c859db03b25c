namespace SipCube.Sdp;

/// <summary>The <c>o=</c> line.</summary>
/// <remarks>RFC 8866 §5.2</remarks>
public sealed record SdpOrigin(string Username, string SessionId, string SessionVersion, string NetType, string AddressType, string Address)
{
    /// <summary>An origin with a random session id, version 1, for 127.0.0.1 per RFC 8829 §5.2.1 (JSEP uses a dummy address).</summary>
    public static SdpOrigin Create(string username = "-") =>
        new(username, ((ulong)Random.Shared.NextInt64(1, long.MaxValue)).ToString(System.Globalization.CultureInfo.InvariantCulture), "2", "IN", "IP4", "127.0.0.1");

    /// <inheritdoc />
    public override string ToString() => $"{Username} {SessionId} {SessionVersion} {NetType} {AddressType} {Address}";

    internal static SdpOrigin? TryParse(string value)
    {
        var p = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return p.Length == 6 ? new SdpOrigin(p[0], p[1], p[2], p[3], p[4], p[5]) : null;
    }
}
