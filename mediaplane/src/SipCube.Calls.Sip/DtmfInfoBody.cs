using System.Globalization;
using System.Text;

namespace SipCube.Calls.Sip;

/// <summary>
/// The body of a legacy DTMF SIP INFO: <c>application/dtmf-relay</c> (<c>Signal=5</c> and <c>Duration=160</c> lines,
/// keys case-insensitive, CRLF or LF) or <c>application/dtmf</c> (the digit alone). A digit is 0-9, *, #, A-D, or its
/// RFC 4733 event code 0-15. Span-based; peer input never throws.
/// </summary>
/// <remarks>RFC 6086 §2 and §9 (legacy INFO usages without an Info Package), RFC 4733 §3.2 (event codes 0-15).</remarks>
internal static class DtmfInfoBody
{
    /// <summary>The media types we take (the Accept of a 415).</summary>
    public const string AcceptedTypes = "application/dtmf-relay, application/dtmf";

    /// <summary>Duration when the body gives none (a typical key press).</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMilliseconds(250);

    private const int MaxBodyBytes = 512;
    private const int MaxDurationMs = 10_000;
    private const string EventDigits = "0123456789*#ABCD";

    /// <summary>True for a media type this parser reads.</summary>
    public static bool IsDtmfType(string? mediaType) =>
        string.Equals(mediaType, "application/dtmf-relay", StringComparison.OrdinalIgnoreCase)
        || string.Equals(mediaType, "application/dtmf", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <paramref name="body"/> of <paramref name="mediaType"/> (one of <see cref="AcceptedTypes"/>);
    /// false with <paramref name="error"/> saying what was wrong.</summary>
    public static bool TryParse(string mediaType, ReadOnlySpan<byte> body, out char digit, out TimeSpan duration, out string? error)
    {
        digit = default;
        duration = DefaultDuration;
        if (body.Length > MaxBodyBytes)
        {
            error = "Body Too Large";
            return false;
        }

        if (string.Equals(mediaType, "application/dtmf", StringComparison.OrdinalIgnoreCase))
        {
            return TryDigit(body.Trim(" \t\r\n"u8), out digit, out error);
        }

        var signalSeen = false;
        while (!body.IsEmpty)
        {
            var end = body.IndexOf((byte)'\n');
            var line = (end < 0 ? body : body[..end]).Trim(" \t\r"u8);
            body = end < 0 ? default : body[(end + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            var equals = line.IndexOf((byte)'=');
            if (equals <= 0)
            {
                error = "Line Without Key=Value";
                return false;
            }

            var key = line[..equals].Trim(" \t"u8);
            var value = line[(equals + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(key, "Signal"u8))
            {
                if (!TryDigit(value, out digit, out error))
                {
                    return false;
                }

                signalSeen = true;
            }
            else if (Ascii.EqualsIgnoreCase(key, "Duration"u8))
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms is <= 0 or > MaxDurationMs)
                {
                    error = "Bad Duration";
                    return false;
                }

                duration = TimeSpan.FromMilliseconds(ms);
            }
        }

        error = signalSeen ? null : "No Signal";
        return signalSeen;
    }

    private static bool TryDigit(ReadOnlySpan<byte> value, out char digit, out string? error)
    {
        digit = default;
        error = null;
        if (value.Length == 1 && EventDigits.Contains(char.ToUpperInvariant((char)value[0]), StringComparison.Ordinal))
        {
            digit = char.ToUpperInvariant((char)value[0]);
            return true;
        }

        // Some phones send the RFC 4733 event code instead of the key: 10 is *, 11 is #, 12-15 are A-D.
        if (value.Length == 2 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 10 and <= 15)
        {
            digit = EventDigits[code];
            return true;
        }

        error = "Bad Signal";
        return false;
    }
}
