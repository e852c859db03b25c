using System.Security.Cryptography;

namespace SipCube.Srtp;

/// <summary>HMAC-SHA1 tag over a packet and a trailing 32-bit value, with the keyed state created once.</summary>
/// <remarks>RFC 3711 §4.2.1. <see cref="IncrementalHash"/> keeps the keyed HMAC context between packets,
/// so a packet costs only the hashing (OpenSSL, SHA-NI where present), not the key setup.</remarks>
internal sealed class HmacSha1Authenticator : IDisposable
{
    public const int DigestLength = 20;

    private readonly IncrementalHash hmac;

    public HmacSha1Authenticator(ReadOnlySpan<byte> key) =>
        hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key);

    /// <summary>Writes HMAC(key, data || trailer) truncated to <paramref name="tag"/>.Length bytes.</summary>
    public void ComputeTag(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, Span<byte> tag)
    {
        Span<byte> digest = stackalloc byte[DigestLength];
        hmac.AppendData(data);
        if (!trailer.IsEmpty)
        {
            hmac.AppendData(trailer);
        }

        hmac.TryGetHashAndReset(digest, out _);
        digest[..tag.Length].CopyTo(tag);
    }

    /// <summary>Constant-time comparison of the computed tag with <paramref name="received"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, ReadOnlySpan<byte> received)
    {
        Span<byte> expected = stackalloc byte[DigestLength];
        ComputeTag(data, trailer, expected[..received.Length]);
        return CryptographicOperations.FixedTimeEquals(expected[..received.Length], received);
    }

    public void Dispose() => hmac.Dispose();
}
