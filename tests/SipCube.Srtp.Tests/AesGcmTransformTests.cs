using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SipCube.Srtp.Tests;

/// <summary>The AES-NI/PCLMULQDQ GCM against the BCL <see cref="AesGcm"/> for random keys, nonces, AAD and text.</summary>
public sealed class AesGcmTransformTests
{
    [Property(MaxTest = 300)]
    public Property Intrinsic_gcm_matches_the_bcl(byte[] text, byte[] aad, int seed)
    {
        var random = new Random(seed);
        byte[] key = new byte[16];
        byte[] nonce = new byte[12];
        random.NextBytes(key);
        random.NextBytes(nonce);

        byte[] expected = new byte[text.Length];
        byte[] expectedTag = new byte[16];
        using (var bcl = new AesGcm(key, 16))
        {
            bcl.Encrypt(nonce, text, expected, expectedTag, aad);
        }

        using var ours = new AesGcmTransform(key);
        byte[] actual = (byte[])text.Clone();
        byte[] tag = new byte[16];
        ours.Encrypt(nonce, actual, tag, aad);
        bool decrypts = ours.TryDecrypt(nonce, actual, tag, aad) && actual.AsSpan().SequenceEqual(text);
        return (decrypts && tag.AsSpan().SequenceEqual(expectedTag) && Encrypted(ours, nonce, text, aad).AsSpan().SequenceEqual(expected)).ToProperty();
    }

    /// <summary>Every text length over the single-pass groups of four blocks and its tail of up to 63 bytes,
    /// and lengths beyond <see cref="GcmSinglePass.MaxTextLength"/> (two passes), decrypt what the BCL encrypted.</summary>
    [Fact]
    public void Decrypts_bcl_ciphertext_of_every_length_on_both_decrypt_paths()
    {
        byte[] key = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
        byte[] nonce = Convert.FromHexString("CAFEBABEFACEDBADDECAF888");
        byte[] aad = [0x80, 0x60, 0x12, 0x34, 0, 0, 0, 1, 0xDE, 0xAD, 0xBE, 0xEF];
        using var bcl = new AesGcm(key, 16);
        using var ours = new AesGcmTransform(key);
        int[] lengths = [.. Enumerable.Range(0, 200), GcmSinglePass.MaxTextLength - 13, GcmSinglePass.MaxTextLength - 12, GcmSinglePass.MaxTextLength - 11, 4000];
        foreach (int length in lengths)
        {
            byte[] plain = [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7))];
            byte[] text = new byte[length];
            byte[] tag = new byte[16];
            bcl.Encrypt(nonce, plain, text, tag, aad);
            byte[] ciphertext = (byte[])text.Clone();

            tag[15] ^= 0x80;
            Assert.False(ours.TryDecrypt(nonce, text, tag, aad));
            Assert.Equal(ciphertext, text);
            tag[15] ^= 0x80;
            Assert.True(ours.TryDecrypt(nonce, text, tag, aad), $"length {length}");
            Assert.Equal(plain, text);
        }
    }

    [Fact]
    public void Forged_tag_is_rejected_and_the_buffer_is_left_as_it_was()
    {
        using var gcm = new AesGcmTransform(new byte[16]);
        byte[] text = [1, 2, 3, 4, 5];
        byte[] tag = new byte[16];
        gcm.Encrypt(new byte[12], text, tag, [9]);
        byte[] ciphertext = (byte[])text.Clone();
        tag[0] ^= 1;

        Assert.False(gcm.TryDecrypt(new byte[12], text, tag, [9]));
        Assert.Equal(ciphertext, text);
    }

    [Fact]
    public void Bcl_fallback_context_matches_the_intrinsic_context()
    {
        using var fast = new SrtpContext(SrtpProfile.AeadAes128Gcm, TestPackets.MasterKey, TestPackets.MasterSalt12, allowIntrinsics: true);
        using var slow = new SrtpContext(SrtpProfile.AeadAes128Gcm, TestPackets.MasterKey, TestPackets.MasterSalt12, allowIntrinsics: false);
        using var slowReceiver = new SrtpContext(SrtpProfile.AeadAes128Gcm, TestPackets.MasterKey, TestPackets.MasterSalt12, allowIntrinsics: false);
        for (int payload = 0; payload < 200; payload += 13)
        {
            byte[] a = TestPackets.WithRoom(TestPackets.Rtp((ushort)payload, payload: payload));
            byte[] b = (byte[])a.Clone();
            Assert.True(fast.TryProtectRtp(a, a.Length - 32, out int n1));
            Assert.True(slow.TryProtectRtp(b, b.Length - 32, out int n2));
            Assert.Equal(a[..n1], b[..n2]);
            Assert.Equal(SrtpResult.Ok, slowReceiver.UnprotectRtp(a, n1, out _));
        }
    }

    private static byte[] Encrypted(AesGcmTransform gcm, byte[] nonce, byte[] text, byte[] aad)
    {
        byte[] copy = (byte[])text.Clone();
        gcm.Encrypt(nonce, copy, new byte[16], aad);
        return copy;
    }
}
