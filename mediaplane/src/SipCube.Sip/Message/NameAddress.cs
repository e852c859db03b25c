using System.Text;

namespace SipCube.Sip.Message;

/// <summary>
/// The <c>[display-name] &lt;URI&gt; *(;param)</c> or <c>addr-spec *(;param)</c> value of From, To,
/// Contact, Route and Record-Route.
/// </summary>
/// <remarks>
/// RFC 3261 §20.10 and §20.20: in the addr-spec form the parameters after the URI belong to the header,
/// not to the URI. A display name is a quoted-string or a run of tokens; anything else is rejected
/// (RFC 4475 §3.1.2.13 baddn).
/// </remarks>
public sealed class NameAddress
{
    /// <summary>Creates a name-addr.</summary>
    public NameAddress(SipUri uri, string? displayName = null)
    {
        Uri = uri;
        DisplayName = displayName;
    }

    /// <summary>Display name as written (quotes kept when it was quoted), or null.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The URI.</summary>
    public SipUri Uri { get; set; }

    /// <summary>Header parameters (tag, expires, q...).</summary>
    public SipParameters Parameters { get; private set; } = new();

    /// <summary>The tag parameter, or null.</summary>
    public string? Tag => Parameters.Get("tag");

    /// <summary>Parses a single name-addr or addr-spec (not a comma-separated list).</summary>
    public static bool TryParse(string? text, out NameAddress value)
    {
        value = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim(" \t");
        string? display = null;
        string uriText;
        ReadOnlySpan<char> parameters;
        var open = FindOpenBracket(span);
        if (open == -2)
        {
            return false;
        }

        if (open >= 0)
        {
            var displaySpan = span[..open].Trim(" \t");
            if (!IsDisplayName(displaySpan))
            {
                return false;
            }

            display = displaySpan.IsEmpty ? null : displaySpan.ToString();
            var close = span[open..].IndexOf('>');
            if (close < 0)
            {
                return false;
            }

            uriText = span.Slice(open + 1, close - 1).ToString();
            parameters = span[(open + close + 1)..];
        }
        else
        {
            var at = span.IndexOf('@');
            var semicolon = span[(at < 0 ? 0 : at)..].IndexOf(';');
            var end = semicolon < 0 ? span.Length : (at < 0 ? 0 : at) + semicolon;
            uriText = span[..end].TrimEnd(" \t").ToString();
            parameters = span[end..];
        }

        if (!SipUri.TryParse(uriText, out var uri) || !SipParameters.TryParse(parameters, allowQuotedValues: true, out var parsed))
        {
            return false;
        }

        value = new NameAddress(uri, display) { Parameters = parsed };
        return true;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var builder = new StringBuilder(96);
        if (DisplayName is not null)
        {
            builder.Append(DisplayName).Append(' ');
        }

        builder.Append('<').Append(Uri).Append('>');
        Parameters.AppendTo(builder);
        return builder.ToString();
    }

    // -1: no bracket (addr-spec form); -2: malformed quoted display name.
    private static int FindOpenBracket(ReadOnlySpan<char> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == '"')
            {
                i = SipGrammar.SkipQuoted(span, i);
                if (i < 0)
                {
                    return -2;
                }

                i--;
            }
            else if (span[i] == '<')
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsDisplayName(ReadOnlySpan<char> display)
    {
        if (display.IsEmpty)
        {
            return true;
        }

        if (display[0] == '"')
        {
            return SipGrammar.SkipQuoted(display, 0) == display.Length;
        }

        foreach (var c in display)
        {
            if (!SipGrammar.IsTokenChar(c) && !SipGrammar.IsWhitespace(c))
            {
                return false;
            }
        }

        return true;
    }
}
