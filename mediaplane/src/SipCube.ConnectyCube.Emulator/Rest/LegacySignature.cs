using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SipCube.ConnectyCube.Emulator.Rest;

/// <summary>
/// Verifies the legacy session signature: every parameter except <c>signature</c>, nested objects flattened one
/// level as <c>parent[child]=value</c>, values raw, sorted by ordinal order and joined with <c>&amp;</c>, then
/// HMAC-SHA1 keyed with the auth secret, lowercase hex.
/// </summary>
/// <remarks>connectycube-protocol.md §1.3.</remarks>
internal static class LegacySignature
{
    /// <summary>Builds the string that is signed from a JSON request body.</summary>
    public static string CanonicalString(JsonElement body)
    {
        var pairs = new List<string>();
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name == "signature")
            {
                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var child in property.Value.EnumerateObject())
                {
                    pairs.Add($"{property.Name}[{child.Name}]={Scalar(child.Value)}");
                }
            }
            else
            {
                pairs.Add($"{property.Name}={Scalar(property.Value)}");
            }
        }

        pairs.Sort(StringComparer.Ordinal);
        return string.Join('&', pairs);
    }

    /// <summary>True when <paramref name="body"/> carries a nonce, a timestamp and the right signature.</summary>
    public static bool IsValid(JsonElement body, string secret)
    {
        if (!body.TryGetProperty("signature", out var signature) || signature.ValueKind != JsonValueKind.String
            || !body.TryGetProperty("nonce", out _) || !body.TryGetProperty("timestamp", out _))
        {
            return false;
        }

        var expected = Sign(CanonicalString(body), secret);
        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected),
            Encoding.ASCII.GetBytes(signature.GetString()!.ToLowerInvariant()));
    }

    /// <summary>HMAC-SHA1 of <paramref name="canonical"/> keyed with <paramref name="secret"/>, lowercase hex.</summary>
    public static string Sign(string canonical, string secret)
    {
#pragma warning disable CA5350 // the legacy ConnectyCube protocol defines HMAC-SHA1; nothing else interoperates
        return Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(canonical)));
#pragma warning restore CA5350
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => string.Empty,
        _ => value.GetRawText(),
    } ?? string.Empty;

}
