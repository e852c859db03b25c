using System.Security.Cryptography;
using System.Text;

namespace SipCube.ConnectyCube.Rest;

/// <summary>
/// The legacy signed session request: parameters flattened one level (<c>user[login]</c>), raw values, sorted
/// ordinally, joined with <c>&amp;</c>, HMAC-SHA1 keyed with the auth secret, lowercase hex.
/// </summary>
/// <remarks>connectycube-protocol.md §1.3.</remarks>
public static class SessionSignature
{
    /// <summary>The string that is signed.</summary>
    public static string CanonicalString(IEnumerable<KeyValuePair<string, string>> flattenedParameters)
    {
        var pairs = flattenedParameters.Where(p => p.Key != "signature").Select(p => p.Key + "=" + p.Value).ToList();
        pairs.Sort(StringComparer.Ordinal);
        return string.Join('&', pairs);
    }

    /// <summary>HMAC-SHA1 of <paramref name="canonical"/>, lowercase hex.</summary>
    public static string Sign(string canonical, string authSecret)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        ArgumentNullException.ThrowIfNull(authSecret);
#pragma warning disable CA5350 // the legacy ConnectyCube protocol defines HMAC-SHA1; nothing else interoperates
        return Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authSecret), Encoding.UTF8.GetBytes(canonical)));
#pragma warning restore CA5350
    }
}
