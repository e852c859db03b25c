using System.Globalization;

namespace SipCube.Sip.Message;

/// <summary>CSeq: a sequence number below 2^31 and a method.</summary>
/// <remarks>RFC 3261 §20.16 and §8.1.1.5.</remarks>
public readonly record struct CSeqHeader(long Number, string Method)
{
    /// <summary>Parses "1*DIGIT LWS Method".</summary>
    public static bool TryParse(string? text, out CSeqHeader cseq)
    {
        cseq = default;
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan().Trim(" \t");
        var i = 0;
        while (i < span.Length && char.IsAsciiDigit(span[i]))
        {
            i++;
        }

        if (i == 0 || i > 10 || !long.TryParse(span[..i], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number >= 1L << 31)
        {
            return false;
        }

        var method = span[i..].TrimStart(" \t");
        if (method.Length == span.Length - i || !SipGrammar.IsToken(method))
        {
            return false;
        }

        cseq = new CSeqHeader(number, SipMethods.Intern(method));
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + " " + Method;
}
