using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SipCube.ControlPlane.Mappings;

/// <summary>
/// A mapping's address of record, <c>sip:user@host</c>, parsed and normalised so that equal AORs have equal text.
/// </summary>
/// <remarks>
/// RFC 3261 §19.1.4: the scheme and host compare case-insensitively, the user part case-sensitively, and a
/// character outside the reserved set equals its <c>%HH</c> escape. So the host is lowercased, escapes of unreserved
/// characters are decoded and the remaining escapes get uppercase hex. Grammar per RFC 3261 §25.1 (user, hostname,
/// IPv4address, IPv6reference). A mapping AOR carries no password, port, parameters or headers (§10.3: an AOR is
/// user@host), so those are rejected rather than silently dropped.
/// </remarks>
internal readonly record struct SipAor(string User, string Host)
{
    /// <summary>Longest accepted input; real AORs are far shorter, and this bounds work on hostile input.</summary>
    public const int MaxLength = 256;

    /// <summary>Longest user part after normalisation.</summary>
    public const int MaxUserLength = 128;

    /// <summary>Longest host (RFC 1035 §2.3.4 name limit).</summary>
    public const int MaxHostLength = 253;

    /// <summary>The normalised text, <c>sip:user@host</c>.</summary>
    public override string ToString() => "sip:" + User + "@" + Host;

    /// <summary>Parses and normalises <paramref name="text"/>; never throws on bad input.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SipAor aor, out SipAorError error)
    {
        aor = default;
        error = Validate(text, out var user, out var host);
        if (error != SipAorError.None)
        {
            return false;
        }

        aor = new SipAor(user!, host!);
        return true;
    }

    /// <summary>Normalises a (user, host) pair as a lookup key, e.g. from a Request-URI; null when invalid.</summary>
    public static string? Normalize(string user, string host)
    {
        if (user.Length + host.Length + 5 > MaxLength)
        {
            return null;
        }

        return TryParse(("sip:" + user + "@" + host).AsSpan(), out var aor, out _) ? aor.ToString() : null;
    }

    /// <summary>Human-readable reason for <paramref name="error"/>, used in problem details.</summary>
    public static string Describe(SipAorError error) => error switch
    {
        SipAorError.Empty => "is empty",
        SipAorError.TooLong => $"is longer than {MaxLength} characters",
        SipAorError.NotSipScheme => "must start with 'sip:'",
        SipAorError.MissingUser => "needs a user part: sip:user@domain",
        SipAorError.InvalidUserCharacter => "has a character not allowed in a SIP user part (RFC 3261 §25.1)",
        SipAorError.InvalidEscape => "has a malformed %HH escape",
        SipAorError.UserTooLong => $"has a user part longer than {MaxUserLength} characters",
        SipAorError.MissingHost => "needs a host: sip:user@domain",
        SipAorError.InvalidHost => "has an invalid host (hostname, IPv4 address or [IPv6] reference)",
        SipAorError.HostTooLong => $"has a host longer than {MaxHostLength} characters",
        SipAorError.PortOrParametersNotAllowed => "must be sip:user@domain without password, port, parameters or headers",
        _ => "is invalid",
    };

    private static SipAorError Validate(ReadOnlySpan<char> text, out string? user, out string? host)
    {
        user = null;
        host = null;
        if (text.IsEmpty)
        {
            return SipAorError.Empty;
        }

        if (text.Length > MaxLength)
        {
            return SipAorError.TooLong;
        }

        if (text.Length < 4 || !text[..4].Equals("sip:", StringComparison.OrdinalIgnoreCase))
        {
            return SipAorError.NotSipScheme;
        }

        var rest = text[4..];
        var at = rest.LastIndexOf('@');
        if (at <= 0)
        {
            return SipAorError.MissingUser;
        }

        var userError = NormalizeUser(rest[..at], out user);
        if (userError != SipAorError.None)
        {
            return userError;
        }

        return NormalizeHost(rest[(at + 1)..], out host);
    }

    private static SipAorError NormalizeUser(ReadOnlySpan<char> raw, out string? user)
    {
        user = null;
        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%')
            {
                if (i + 2 >= raw.Length || !IsHex(raw[i + 1]) || !IsHex(raw[i + 2]))
                {
                    return SipAorError.InvalidEscape;
                }

                var decoded = (char)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2]));
                if (IsUnreserved(decoded))
                {
                    builder.Append(decoded);
                }
                else
                {
                    builder.Append('%').Append(char.ToUpperInvariant(raw[i + 1])).Append(char.ToUpperInvariant(raw[i + 2]));
                }

                i += 2;
            }
            else if (c == ':')
            {
                // user:password in a URI (RFC 3261 §19.1.1) is deprecated and never part of an AOR.
                return SipAorError.PortOrParametersNotAllowed;
            }
            else if (IsUnreserved(c) || IsUserUnreserved(c))
            {
                builder.Append(c);
            }
            else
            {
                return SipAorError.InvalidUserCharacter;
            }
        }

        if (builder.Length > MaxUserLength)
        {
            return SipAorError.UserTooLong;
        }

        user = builder.ToString();
        return SipAorError.None;
    }

    private static SipAorError NormalizeHost(ReadOnlySpan<char> raw, out string? host)
    {
        host = null;
        if (raw.IsEmpty)
        {
            return SipAorError.MissingHost;
        }

        if (raw[0] == '[')
        {
            var close = raw.IndexOf(']');
            if (close < 0)
            {
                return SipAorError.InvalidHost;
            }

            if (close != raw.Length - 1)
            {
                return SipAorError.PortOrParametersNotAllowed;
            }

            if (!IPAddress.TryParse(raw[1..close], out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return SipAorError.InvalidHost;
            }

            host = "[" + v6.ToString() + "]";
            return SipAorError.None;
        }

        var end = raw.IndexOfAny(":;?");
        if (end >= 0)
        {
            return end == 0 ? SipAorError.MissingHost : SipAorError.PortOrParametersNotAllowed;
        }

        if (raw.Length > MaxHostLength)
        {
            return SipAorError.HostTooLong;
        }

        return IsHostname(raw) ? Lower(raw, out host) : SipAorError.InvalidHost;
    }

    private static SipAorError Lower(ReadOnlySpan<char> raw, out string host)
    {
        host = string.Create(raw.Length, raw.ToString(), static (dst, src) => src.AsSpan().ToLowerInvariant(dst));
        return SipAorError.None;
    }

    // hostname = *( domainlabel "." ) toplabel [ "." ]; an IPv4 address also matches this shape.
    private static bool IsHostname(ReadOnlySpan<char> host)
    {
        if (host[^1] == '.')
        {
            host = host[..^1];
        }

        if (host.IsEmpty)
        {
            return false;
        }

        var lastDot = host.LastIndexOf('.');
        if (char.IsAsciiDigit(host[lastDot + 1]))
        {
            // toplabel starts with a letter, so a numeric last label means IPv4address: four decimal octets.
            return IsIPv4(host);
        }

        foreach (var range in host.Split('.'))
        {
            var label = host[range];
            if (label.IsEmpty || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsIPv4(ReadOnlySpan<char> host)
    {
        var parts = 0;
        foreach (var range in host.Split('.'))
        {
            var part = host[range];
            if (part.IsEmpty || part.Length > 3 || !int.TryParse(part, System.Globalization.NumberStyles.None, null, out var value) || value > 255)
            {
                return false;
            }

            parts++;
        }

        return parts == 4;
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '!' or '~' or '*' or '\'' or '(' or ')';

    private static bool IsUserUnreserved(char c) => c is '&' or '=' or '+' or '$' or ',' or ';' or '?' or '/';

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
