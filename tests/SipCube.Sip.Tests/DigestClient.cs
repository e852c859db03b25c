using SipCube.Sip.Auth;
using SipCube.Sip.Message;

namespace SipCube.Sip.Tests;

/// <summary>Client side of digest (what a phone computes), for tests.</summary>
internal static class DigestClient
{
    public static string Authorization(string challenge, string user, string password, string method, string uri, int nc = 1,
        string cnonce = "0a4f113b")
    {
        var parsed = Parse(challenge);
        var algorithm = DigestAlgorithm.FromName(parsed["algorithm"])!;
        var realm = parsed["realm"];
        var nonce = parsed["nonce"];
        var ha1 = algorithm.Hash($"{user}:{realm}:{password}");
        var ha2 = algorithm.Hash($"{method}:{uri}");
        var ncText = nc.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var response = algorithm.Hash($"{ha1}:{nonce}:{ncText}:{cnonce}:auth:{ha2}");
        return $"Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", " +
               $"algorithm={algorithm.Name}, cnonce=\"{cnonce}\", qop=auth, nc={ncText}";
    }

    public static Dictionary<string, string> Parse(string challenge)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in HeaderValueSplitter.SplitCommas(challenge["Digest ".Length..]))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var value = part[(equals + 1)..].Trim();
            result[part[..equals].Trim()] = value.StartsWith('"') ? SipGrammar.Unquote(value) : value;
        }

        return result;
    }
}
