using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace SipCube.Srtp;

/// <summary>
/// AES-128-GCM with a 96-bit nonce and 16-byte tag, in place. The intrinsic path (AES-NI + PCLMULQDQ)
/// verifies the tag before decrypting, so a forged packet costs no exception and leaves the buffer as it was;
/// without those instructions it falls back to the BCL <see cref="System.Security.Cryptography.AesGcm"/>.
/// </summary>
/// <remarks>NIST SP 800-38D §7.1 and §7.2 (J0 = IV || 0^31 || 1; encryption starts at inc32(J0))</remarks>
internal sealed class AesGcmTransform : IDisposable
{
    public const int TagLength = 16;

    private readonly AesCounterMode? counterMode;
    private readonly GaloisHash.KeyPowers hashKey;
    private readonly System.Security.Cryptography.AesGcm? fallback;

    public AesGcmTransform(ReadOnlySpan<byte> key, bool allowIntrinsics = true)
    {
        if (allowIntrinsics && GaloisHash.IsSupported)
        {
            counterMode = new AesCounterMode(key);
            Span<byte> h = stackalloc byte[16];
            h.Clear();
            counterMode.EncryptBlock(h, h);
            hashKey = GaloisHash.KeyPowers.From(GaloisHash.Reverse(Vector128.Create(h)));
        }
        else
        {
            fallback = new System.Security.Cryptography.AesGcm(key, TagLength);
        }
    }

    public void Encrypt(ReadOnlySpan<byte> nonce, Span<byte> text, Span<byte> tag, ReadOnlySpan<byte> aad)
    {
        if (counterMode is null)
        {
            fallback!.Encrypt(nonce, text, text, tag, aad);
            return;
        }

        Span<byte> counter = stackalloc byte[16];
        nonce.CopyTo(counter);
        counter[12] = 0;
        counter[13] = 0;
        counter[14] = 0;
        counter[15] = 2;
        counterMode.Transform(counter, text);
        ComputeTag(nonce, text, aad, tag);
    }

    /// <summary>Verifies the tag, then decrypts in place; false (buffer unchanged on the intrinsic path) on mismatch.</summary>
    public bool TryDecrypt(ReadOnlySpan<byte> nonce, Span<byte> text, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> aad)
    {
        if (counterMode is null)
        {
            try
            {
                fallback!.Decrypt(nonce, text, tag, text, aad);
                return true;
            }
            catch (AuthenticationTagMismatchException)
            {
                return false;
            }
        }

        if (text.Length + aad.Length <= GcmSinglePass.MaxTextLength)
        {
            return GcmSinglePass.TryDecrypt(in counterMode.RoundKeys, in hashKey, nonce, text, tag, aad);
        }

        Span<byte> expected = stackalloc byte[TagLength];
        ComputeTag(nonce, text, aad, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, tag))
        {
            return false;
        }

        Span<byte> counter = stackalloc byte[16];
        nonce.CopyTo(counter);
        counter[12] = 0;
        counter[13] = 0;
        counter[14] = 0;
        counter[15] = 2;
        counterMode.Transform(counter, text);
        return true;
    }

    public void Dispose()
    {
        counterMode?.Dispose();
        fallback?.Dispose();
    }

    private void ComputeTag(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> aad, Span<byte> tag)
    {
        Vector128<byte> state = GaloisHash.Absorb(Vector128<byte>.Zero, aad, in hashKey);
        state = GaloisHash.Absorb(state, ciphertext, in hashKey);
        state = GaloisHash.AbsorbLengths(state, aad.Length, ciphertext.Length, in hashKey);

        Span<byte> j0 = stackalloc byte[16];
        nonce.CopyTo(j0);
        j0[12] = 0;
        j0[13] = 0;
        j0[14] = 0;
        j0[15] = 1;
        counterMode!.EncryptBlock(j0, j0);
        (GaloisHash.Reverse(state) ^ Vector128.Create(j0)).CopyTo(tag);
    }
}
