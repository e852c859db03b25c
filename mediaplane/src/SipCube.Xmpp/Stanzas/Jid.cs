namespace SipCube.Xmpp.Stanzas;

/// <summary>A JID <c>local@domain/resource</c>; parsing is lenient and never throws for peer input.</summary>
/// <remarks>RFC 7622 §3.</remarks>
public readonly record struct Jid(string? Local, string Domain, string? Resource)
{
    /// <summary>The JID without its resource.</summary>
    public Jid Bare => this with { Resource = null };

    /// <summary>Parses <paramref name="text"/>; false for empty or malformed input.</summary>
    public static bool TryParse(string? text, out Jid jid)
    {
        jid = default;
        if (string.IsNullOrEmpty(text) || text.Length > 3071)
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var bare = slash < 0 ? text : text[..slash];
        string? resource = slash < 0 ? null : text[(slash + 1)..];
        var at = bare.IndexOf('@', StringComparison.Ordinal);
        var local = at < 0 ? null : bare[..at];
        var domain = at < 0 ? bare : bare[(at + 1)..];
        if (domain.Length == 0 || local?.Length == 0 || resource?.Length == 0)
        {
            return false;
        }

        jid = new Jid(local, domain, resource);
        return true;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var bare = Local is null ? Domain : Local + "@" + Domain;
        return Resource is null ? bare : bare + "/" + Resource;
    }
}
