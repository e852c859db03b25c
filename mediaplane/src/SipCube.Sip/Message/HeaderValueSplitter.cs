namespace SipCube.Sip.Message;

/// <summary>
/// Splits header values on separators that are not inside quoted strings or angle brackets.
/// </summary>
/// <remarks>RFC 3261 §7.3.1 (comma-separated lists), §25.1 (quoted-string, quoted-pair).</remarks>
public static class HeaderValueSplitter
{
    /// <summary>Splits on top-level commas and trims each part; empty parts are kept out.</summary>
    public static IEnumerable<string> SplitCommas(string value) => Split(value, ',', skipEmpty: true);

    /// <summary>Splits on a top-level separator and trims each part.</summary>
    public static List<string> Split(string value, char separator, bool skipEmpty)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = new List<string>(2);
        var inQuotes = false;
        var angle = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inQuotes = true;
                    break;
                case '<':
                    angle++;
                    break;
                case '>':
                    angle = Math.Max(0, angle - 1);
                    break;
                default:
                    if (c == separator && angle == 0)
                    {
                        AddPart(parts, value, start, i, skipEmpty);
                        start = i + 1;
                    }

                    break;
            }
        }

        AddPart(parts, value, start, value.Length, skipEmpty);
        return parts;
    }

    /// <summary>True when quotes and angle brackets in <paramref name="value"/> are balanced.</summary>
    public static bool IsBalanced(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var inQuotes = false;
        var angle = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == '<')
            {
                angle++;
            }
            else if (c == '>' && --angle < 0)
            {
                return false;
            }
        }

        return !inQuotes && angle == 0;
    }

    private static void AddPart(List<string> parts, string value, int start, int end, bool skipEmpty)
    {
        var part = value.AsSpan(start, end - start).Trim(" \t");
        if (part.Length > 0 || !skipEmpty)
        {
            parts.Add(part.ToString());
        }
    }
}
