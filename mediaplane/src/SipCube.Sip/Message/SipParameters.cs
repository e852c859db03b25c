using System.Text;

namespace SipCube.Sip.Message;

/// <summary>
/// An ordered list of <c>;name[=value]</c> parameters (URI, Via, Contact, From/To); names compare
/// case-insensitively.
/// </summary>
/// <remarks>RFC 3261 §19.1.1 (uri-parameters), §20.42 (via-params), §25.1 (generic-param).</remarks>
public sealed class SipParameters
{
    // Made on the first parameter: most URIs and many headers have none.
    private List<KeyValuePair<string, string?>>? _items;

    /// <summary>Parameters in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Items => (IReadOnlyList<KeyValuePair<string, string?>>?)_items ?? [];

    /// <summary>Number of parameters.</summary>
    public int Count => _items?.Count ?? 0;

    /// <summary>True when a parameter named <paramref name="name"/> exists (with or without value).</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of <paramref name="name"/>, or null when absent or valueless.</summary>
    public string? Get(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : _items![index].Value;
    }

    /// <summary>Sets (or adds at the end) a parameter.</summary>
    public void Set(string name, string? value)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            (_items ??= new(4)).Add(new(name, value));
        }
        else
        {
            _items![index] = new(_items[index].Key, value);
        }
    }

    /// <summary>Removes a parameter.</summary>
    public void Remove(string name)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            _items!.RemoveAt(index);
        }
    }

    /// <summary>
    /// Parses <c>;a=b;c</c> (leading ';' required for each, LWS allowed around ';' and '='). Returns false on
    /// an empty or non-token name, a missing value after '=', or an unterminated quoted value.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, bool allowQuotedValues, out SipParameters parameters)
    {
        parameters = new SipParameters();
        var i = SkipWs(text, 0);
        while (i < text.Length)
        {
            if (text[i] != ';')
            {
                return false;
            }

            i = SkipWs(text, i + 1);
            var nameStart = i;
            while (i < text.Length && IsParamChar(text[i]))
            {
                i++;
            }

            if (i == nameStart)
            {
                return false;
            }

            var name = Name(text[nameStart..i]);
            i = SkipWs(text, i);
            string? value = null;
            if (i < text.Length && text[i] == '=')
            {
                i = SkipWs(text, i + 1);
                var valueStart = i;
                if (i < text.Length && text[i] == '"' && allowQuotedValues)
                {
                    i = SipGrammar.SkipQuoted(text, i);
                    if (i < 0)
                    {
                        return false;
                    }
                }
                else
                {
                    while (i < text.Length && IsParamChar(text[i]))
                    {
                        i++;
                    }
                }

                if (i == valueStart)
                {
                    return false;
                }

                value = text[valueStart..i].ToString();
                i = SkipWs(text, i);
            }

            (parameters._items ??= new(4)).Add(new(name, value));
        }

        return true;
    }

    /// <summary>Writes <c>;name=value</c> for each parameter.</summary>
    public void AppendTo(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (name, value) in _items ?? [])
        {
            builder.Append(';').Append(name);
            if (value is not null)
            {
                builder.Append('=').Append(value);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendTo(builder);
        return builder.ToString();
    }

    private int IndexOf(string name)
    {
        // A loop, not FindIndex with a lambda: this runs for every parameter lookup of every parsed header.
        if (_items is null)
        {
            return -1;
        }

        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    // The parameter names every message carries come back as the same string instead of a new one each time.
    private static string Name(ReadOnlySpan<char> name) => name switch
    {
        "branch" => "branch",
        "rport" => "rport",
        "received" => "received",
        "tag" => "tag",
        "transport" => "transport",
        "expires" => "expires",
        "lr" => "lr",
        "q" => "q",
        "user" => "user",
        "ob" => "ob",
        _ => name.ToString(),
    };

    private static int SkipWs(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && SipGrammar.IsWhitespace(text[i]))
        {
            i++;
        }

        return i;
    }

    // Token chars plus what URI parameters and IPv6 references add (RFC 3261 §25.1 paramchar, §20.42 via-received).
    private static bool IsParamChar(char c) => SipGrammar.IsTokenChar(c) || c is '[' or ']' or '/' or ':' or '&' or '$' or '@' || c > 0x7f;
}
