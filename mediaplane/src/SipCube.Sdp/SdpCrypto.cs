using System.Globalization;

namespace SipCube.Sdp;

/// <summary><c>a=crypto:&lt;tag&gt; &lt;suite&gt; inline:&lt;base64 key||salt&gt;[|lifetime][|MKI:len] [session params]</c> (SDES).</summary>
/// <remarks>RFC 4568 §9.1; only the first key-param is used, as for the SIP leg's single key.</remarks>
public sealed record SdpCrypto(int Tag, string Suite, byte[] KeySalt, string? Lifetime = null, string? Mki = null, string? SessionParameters = null)
{
    /// <summary>The attribute value.</summary>
    public override string ToString()
    {
        var key = "inline:" + Convert.ToBase64String(KeySalt) + (Lifetime is null ? string.Empty : "|" + Lifetime) + (Mki is null ? string.Empty : "|" + Mki);
        return string.Create(CultureInfo.InvariantCulture, $"{Tag} {Suite} {key}{(SessionParameters is null ? string.Empty : " " + SessionParameters)}");
    }

    /// <summary>Parses a value; null when malformed.</summary>
    public static SdpCrypto? TryParse(string value)
    {
        var p = value.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
        if (p.Length < 3 || !int.TryParse(p[0], NumberStyles.None, CultureInfo.InvariantCulture, out var tag) || tag > 999_999_999
            || !p[2].StartsWith("inline:", StringComparison.Ordinal))
        {
            return null;
        }

        var keyParts = p[2]["inline:".Length..].Split(';')[0].Split('|');
        var keySalt = new byte[keyParts[0].Length];
        if (!Convert.TryFromBase64String(keyParts[0], keySalt, out var written) || written == 0)
        {
            return null;
        }

        string? lifetime = null, mki = null;
        foreach (var part in keyParts.Skip(1))
        {
            if (part.Contains(':', StringComparison.Ordinal))
            {
                mki = part;
            }
            else
            {
                lifetime = part;
            }
        }

        return new SdpCrypto(tag, p[1], keySalt[..written], lifetime, mki, p.Length == 4 ? p[3] : null);
    }
}
