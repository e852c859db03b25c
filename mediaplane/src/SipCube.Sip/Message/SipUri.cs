using System.Globalization;
using System.Text;

namespace SipCube.Sip.Message;

/// <summary>
/// A SIP or SIPS URI split into its parts; URIs of other schemes are kept opaque.
/// </summary>
/// <remarks>
/// RFC 3261 §19.1.1 (components), §19.1.4 (comparison: scheme and host case-insensitive, user
/// case-sensitive), RFC 5118 (IPv6 references in brackets).
/// </remarks>
public sealed class SipUri
{
    private SipUri(string scheme)
    {
        Scheme = scheme;
    }

    /// <summary>Scheme in lower case ("sip", "sips", "tel"...).</summary>
    public string Scheme { get; }

    /// <summary>True for sip: and sips: URIs (the others are opaque).</summary>
    public bool IsSip => Scheme is "sip" or "sips";

    /// <summary>User part as written (still escaped), or null.</summary>
    public string? User { get; set; }

    /// <summary>Password as written, or null.</summary>
    public string? Password { get; set; }

    /// <summary>Host (IPv6 references keep their brackets).</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Port, or null when absent.</summary>
    public int? Port { get; set; }

    /// <summary>URI parameters.</summary>
    public SipParameters Parameters { get; private set; } = new();

    /// <summary>Header part after '?', or null.</summary>
    public string? Headers { get; set; }

    /// <summary>Everything after "scheme:" for non-SIP URIs.</summary>
    public string? Opaque { get; private set; }

    /// <summary>Parses a URI. Returns false for anything that is not a URI (whitespace, brackets, bad host or port).</summary>
    public static bool TryParse(string? text, out SipUri uri)
    {
        uri = null!;
        if (string.IsNullOrEmpty(text) || text.Length > 4096)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !IsScheme(text.AsSpan(0, colon)) || text.AsSpan().IndexOfAny(" \t\r\n<>\"") >= 0)
        {
            return false;
        }

        var parsed = new SipUri(text[..colon].ToLowerInvariant());
        var rest = text.AsSpan(colon + 1);
        if (!parsed.IsSip)
        {
            if (rest.IsEmpty)
            {
                return false;
            }

            parsed.Opaque = rest.ToString();
            uri = parsed;
            return true;
        }

        if (!parsed.TryParseSip(rest))
        {
            return false;
        }

        uri = parsed;
        return true;
    }

    /// <summary>The address-of-record form: scheme, user and lower-case host (RFC 3261 §10.3 step 5).</summary>
    public string ToAor()
    {
        if (!IsSip)
        {
            return Scheme + ":" + Opaque;
        }

        var user = User is null ? string.Empty : Unescape(User) + "@";
        return Scheme + ":" + user + Host.ToLowerInvariant();
    }

    /// <summary>Decodes %HH escapes.</summary>
    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length
                && byte.TryParse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>A copy of this URI.</summary>
    public SipUri Clone()
    {
        TryParse(ToString(), out var copy);
        return copy;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        if (!IsSip)
        {
            return Scheme + ":" + Opaque;
        }

        var builder = new StringBuilder(64).Append(Scheme).Append(':');
        if (User is not null)
        {
            builder.Append(User);
            if (Password is not null)
            {
                builder.Append(':').Append(Password);
            }

            builder.Append('@');
        }

        builder.Append(Host);
        if (Port is int port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        Parameters.AppendTo(builder);
        if (Headers is not null)
        {
            builder.Append('?').Append(Headers);
        }

        return builder.ToString();
    }

    private bool TryParseSip(ReadOnlySpan<char> rest)
    {
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            var passwordColon = userInfo.IndexOf(':');
            var user = passwordColon >= 0 ? userInfo[..passwordColon] : userInfo;
            if (user.IsEmpty)
            {
                return false;
            }

            User = user.ToString();
            Password = passwordColon >= 0 ? userInfo[(passwordColon + 1)..].ToString() : null;
            rest = rest[(at + 1)..];
        }

        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            Headers = rest[(question + 1)..].ToString();
            rest = rest[..question];
        }

        var hostEnd = HostEnd(rest);
        if (hostEnd <= 0 || !IsHost(rest[..hostEnd]))
        {
            return false;
        }

        Host = rest[..hostEnd].ToString();
        rest = rest[hostEnd..];
        if (!rest.IsEmpty && rest[0] == ':')
        {
            var portEnd = rest.IndexOf(';');
            var portText = portEnd < 0 ? rest[1..] : rest[1..portEnd];
            if (portText.IsEmpty || portText.Length > 5 || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                || port > 65535)
            {
                return false;
            }

            Port = port;
            rest = portEnd < 0 ? [] : rest[portEnd..];
        }

        if (!SipParameters.TryParse(rest, allowQuotedValues: false, out var parameters))
        {
            return false;
        }

        Parameters = parameters;
        return true;
    }

    private static int HostEnd(ReadOnlySpan<char> rest)
    {
        if (!rest.IsEmpty && rest[0] == '[')
        {
            var close = rest.IndexOf(']');
            return close < 0 ? -1 : close + 1;
        }

        var end = rest.IndexOfAny(":;");
        return end < 0 ? rest.Length : end;
    }

    private static bool IsHost(ReadOnlySpan<char> host)
    {
        if (host[0] == '[')
        {
            return host.Length > 2 && System.Net.IPAddress.TryParse(host[1..^1], out var address)
                && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        foreach (var c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
