using System.Globalization;

namespace SipCube.Sdp;

/// <summary><c>a=rtpmap:&lt;pt&gt; &lt;encoding&gt;/&lt;clock rate&gt;[/&lt;channels&gt;]</c>.</summary>
/// <remarks>RFC 8866 §6.6</remarks>
public sealed record SdpRtpMap(int PayloadType, string Encoding, int ClockRate, int? Channels = null)
{
    /// <summary>The attribute value.</summary>
    public override string ToString() => Channels is { } c
        ? string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {Encoding}/{ClockRate}/{c}")
        : string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {Encoding}/{ClockRate}");

    /// <summary>Parses a value; null when malformed.</summary>
    public static SdpRtpMap? TryParse(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !int.TryParse(value.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127)
        {
            return null;
        }

        var parts = value[(space + 1)..].Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rate))
        {
            return null;
        }

        int? channels = null;
        if (parts.Length == 3)
        {
            if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ch))
            {
                return null;
            }

            channels = ch;
        }

        return new SdpRtpMap(pt, parts[0], rate, channels);
    }
}
