using System.Buffers.Text;
using System.Text;

namespace SipCube.ControlPlane.Storage;

/// <summary>Opaque, URL-safe continuation tokens (base64url of the store's position text).</summary>
internal static class ContinuationToken
{
    private const int MaxTokenLength = 4096;

    public static string Encode(string position) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));

    /// <summary>Decodes a token; throws <see cref="FormatException"/> for anything this API did not issue.</summary>
    public static string Decode(string token)
    {
        if (token.Length > MaxTokenLength || !Base64Url.IsValid(token))
        {
            throw new FormatException("invalid continuation token");
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(Base64Url.DecodeFromChars(token));
        }
        catch (DecoderFallbackException ex)
        {
            throw new FormatException("invalid continuation token", ex);
        }
    }
}
