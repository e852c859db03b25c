namespace SipCube.Sip.Auth;

/// <summary>The parameters of an <c>Authorization: Digest ...</c> header.</summary>
/// <remarks>RFC 3261 §25.1 (credentials, dig-resp), RFC 7616 §3.4.</remarks>
public sealed class DigestCredentialsHeader
{
    private readonly Dictionary<string, string> _values = new(12, StringComparer.OrdinalIgnoreCase);

    /// <summary>username.</summary>
    public string? Username => Get("username");

    /// <summary>realm.</summary>
    public string? Realm => Get("realm");

    /// <summary>nonce.</summary>
    public string? Nonce => Get("nonce");

    /// <summary>uri (digest-uri).</summary>
    public string? Uri => Get("uri");

    /// <summary>response.</summary>
    public string? Response => Get("response");

    /// <summary>algorithm.</summary>
    public string? Algorithm => Get("algorithm");

    /// <summary>cnonce.</summary>
    public string? CNonce => Get("cnonce");

    /// <summary>qop.</summary>
    public string? Qop => Get("qop");

    /// <summary>nc (nonce-count, 8 hex digits).</summary>
    public string? NonceCount => Get("nc");

    /// <summary>Parses <c>Digest name=value, name="quoted", ...</c>.</summary>
    public static bool TryParse(string? value, out DigestCredentialsHeader header)
    {
        header = new DigestCredentialsHeader();
        if (value is null || value.Length < 7 || !value.StartsWith("Digest", StringComparison.OrdinalIgnoreCase)
            || !char.IsWhiteSpace(value[6]))
        {
            return false;
        }

        // Span walk over the comma-separated pairs (commas inside quoted strings do not split): only the values
        // are turned into strings, since every REGISTER carries one of these headers.
        var rest = value.AsSpan(7);
        while (!rest.IsEmpty)
        {
            var end = NextComma(rest);
            if (end == -2)
            {
                return false;
            }

            var part = (end < 0 ? rest : rest[..end]).Trim(" \t");
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (part.IsEmpty)
            {
                continue;
            }

            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                return false;
            }

            var raw = part[(equals + 1)..].Trim(" \t");
            header._values[KnownName(part[..equals].Trim(" \t"))] = raw.StartsWith('"') ? Message.SipGrammar.Unquote(raw) : raw.ToString();
        }

        return header.Username is not null && header.Nonce is not null && header.Response is not null;
    }

    // Index of the next comma outside a quoted string, -1 when none, -2 when a quote never closes.
    private static int NextComma(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                var after = Message.SipGrammar.SkipQuoted(text, i);
                if (after < 0)
                {
                    return -2;
                }

                i = after - 1;
            }
            else if (text[i] == ',')
            {
                return i;
            }
        }

        return -1;
    }

    private static string KnownName(ReadOnlySpan<char> name)
    {
        foreach (var known in (ReadOnlySpan<string>)["username", "realm", "nonce", "uri", "response", "algorithm", "cnonce", "qop", "nc", "opaque"])
        {
            if (name.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return name.ToString();
    }

    private string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;
}
