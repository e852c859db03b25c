namespace SipCube.Sip.Auth;

/// <summary>The parameters of an <c>Authorization: Digest ...</c> header.</summary>
/// <remarks>RFC 3261 §25.1 (credentials, dig-resp), RFC 7616 §3.4.</remarks>
public sealed class DigestCredentialsHeader
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

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

    /// <summary>Parses <c>Digest a="b", c=d</c>; false when it is not Digest or is malformed.</summary>
    public static bool TryParse(string? value, out DigestCredentialsHeader header)
    {
        header = new DigestCredentialsHeader();
        if (value is null || value.Length < 7 || !value.StartsWith("Digest", StringComparison.OrdinalIgnoreCase)
            || !char.IsWhiteSpace(value[6]))
        {
            return false;
        }

        foreach (var part in Message.HeaderValueSplitter.SplitCommas(value[7..]))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            var name = part[..equals].Trim();
            var raw = part[(equals + 1)..].Trim();
            header._values[name] = raw.StartsWith('"') ? Message.SipGrammar.Unquote(raw) : raw;
        }

        return header.Username is not null && header.Nonce is not null && header.Response is not null;
    }

    private string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;
}
