using System.Globalization;

namespace SipCube.Sdp;

/// <summary><c>a=candidate</c>: foundation, component, transport, priority, address, port, type and extensions.</summary>
/// <remarks>RFC 8839 §5.1</remarks>
public sealed record SdpCandidate(string Foundation, int Component, string Transport, uint Priority, string Address, int Port, string Type, string? Extensions = null)
{
    /// <summary>The attribute value.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Foundation} {Component} {Transport} {Priority} {Address} {Port} typ {Type}{(Extensions is null ? string.Empty : " " + Extensions)}");

    /// <summary>Parses a value (with or without the <c>candidate:</c> prefix); null when malformed.</summary>
    public static SdpCandidate? TryParse(string value)
    {
        if (value.StartsWith("candidate:", StringComparison.Ordinal))
        {
            value = value["candidate:".Length..];
        }

        var p = value.Split(' ', 9, StringSplitOptions.RemoveEmptyEntries);
        if (p.Length < 8 || p[6] != "typ"
            || !int.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out var component)
            || !uint.TryParse(p[3], NumberStyles.None, CultureInfo.InvariantCulture, out var priority)
            || !int.TryParse(p[5], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return null;
        }

        return new SdpCandidate(p[0], component, p[2], priority, p[4], port, p[7], p.Length == 9 ? p[8] : null);
    }
}
