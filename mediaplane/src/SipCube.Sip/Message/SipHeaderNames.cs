namespace SipCube.Sip.Message;

/// <summary>
/// Maps header names (long and compact forms, any case) to <see cref="SipHeaderKind"/> and back.
/// </summary>
/// <remarks>
/// RFC 3261 §7.3.1 (header names are case-insensitive) and §7.3.3 (compact forms
/// v f t i m l c k s e; RFC 3515 adds r for Refer-To, RFC 6665 o for Event).
/// The switch on length and first letter keeps the lookup allocation-free.
/// </remarks>
public static class SipHeaderNames
{
    private static readonly string[] Canonical =
    [
        string.Empty, "Via", "From", "To", "Call-ID", "CSeq", "Contact", "Max-Forwards", "Content-Length",
        "Content-Type", "Expires", "Min-Expires", "Require", "Proxy-Require", "Supported", "Unsupported",
        "Allow", "Accept", "Authorization", "Proxy-Authorization", "WWW-Authenticate", "Proxy-Authenticate",
        "Route", "Record-Route", "User-Agent", "Server", "Date", "Subject", "Content-Encoding", "Event", "Refer-To",
    ];

    /// <summary>The canonical (long, conventionally cased) name of <paramref name="kind"/>.</summary>
    public static string ToName(SipHeaderKind kind) => Canonical[(int)kind];

    /// <summary>Looks up a header name given as ASCII bytes.</summary>
    public static SipHeaderKind Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            return LookupCompact((char)(name[0] | 0x20));
        }

        Span<char> chars = stackalloc char[32];
        if (name.Length > chars.Length)
        {
            return SipHeaderKind.Other;
        }

        for (var i = 0; i < name.Length; i++)
        {
            chars[i] = (char)name[i];
        }

        return Lookup(chars[..name.Length]);
    }

    /// <summary>Looks up a header name.</summary>
    public static SipHeaderKind Lookup(ReadOnlySpan<char> name)
    {
        if (name.Length == 1)
        {
            return LookupCompact(char.ToLowerInvariant(name[0]));
        }

        for (var kind = 1; kind < Canonical.Length; kind++)
        {
            var candidate = Canonical[kind];
            if (candidate.Length == name.Length && name.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return (SipHeaderKind)kind;
            }
        }

        return SipHeaderKind.Other;
    }

    private static SipHeaderKind LookupCompact(char c) => c switch
    {
        'v' => SipHeaderKind.Via,
        'f' => SipHeaderKind.From,
        't' => SipHeaderKind.To,
        'i' => SipHeaderKind.CallId,
        'm' => SipHeaderKind.Contact,
        'l' => SipHeaderKind.ContentLength,
        'c' => SipHeaderKind.ContentType,
        'k' => SipHeaderKind.Supported,
        's' => SipHeaderKind.Subject,
        'e' => SipHeaderKind.ContentEncoding,
        'o' => SipHeaderKind.Event,
        'r' => SipHeaderKind.ReferTo,
        _ => SipHeaderKind.Other,
    };

    /// <summary>True for headers that may appear at most once (RFC 3261 §7.3.1 and §20).</summary>
    public static bool IsSingleValued(SipHeaderKind kind) => kind is SipHeaderKind.From or SipHeaderKind.To
        or SipHeaderKind.CallId or SipHeaderKind.CSeq or SipHeaderKind.MaxForwards or SipHeaderKind.ContentLength
        or SipHeaderKind.ContentType or SipHeaderKind.Expires or SipHeaderKind.MinExpires;
}
