namespace SipCube.Srtp.Tests;

/// <summary>RFC 3711 Appendix B.2 (AES-CM keystream) and B.3 (key derivation), from tests/testdata/rfc3711.</summary>
public sealed class Rfc3711AppendixBTests
{
    private static readonly Dictionary<string, byte[]> B2 = VectorFile.Load("rfc3711/b2-aes-cm.txt");
    private static readonly Dictionary<string, byte[]> B3 = VectorFile.Load("rfc3711/b3-key-derivation.txt");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void B2_keystream_matches_the_listed_counter_blocks(bool intrinsics)
    {
        using var aes = new AesCounterMode(B2["session-key"], intrinsics);
        byte[] keystream = new byte[0xFF02 * 16];
        aes.Transform(B2["iv"], keystream);

        foreach ((string name, byte[] expected) in B2.Where(kv => kv.Key.StartsWith("block-", StringComparison.Ordinal)))
        {
            int block = Convert.ToInt32(name["block-".Length..], 16);
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(keystream, block * 16, 16));
        }
    }

    [Fact]
    public void B2_iv_is_built_from_salt_ssrc_and_index_zero()
    {
        Span<byte> iv = stackalloc byte[16];
        AesCmHmacSha1Cipher.BuildIv(B2["iv"].AsSpan(0, 14), 0, 0, iv);
        Assert.Equal(Convert.ToHexString(B2["iv"]), Convert.ToHexString(iv));
    }

    [Fact]
    public void B3_derives_cipher_key_salt_and_authentication_key()
    {
        byte[] key = new byte[16];
        byte[] salt = new byte[14];
        byte[] auth = new byte[94];
        SrtpKeyDerivation.Derive(B3["master-key"], B3["master-salt"], SrtpKeyDerivation.Label.RtpEncryption, key);
        SrtpKeyDerivation.Derive(B3["master-key"], B3["master-salt"], SrtpKeyDerivation.Label.RtpSalt, salt);
        SrtpKeyDerivation.Derive(B3["master-key"], B3["master-salt"], SrtpKeyDerivation.Label.RtpAuthentication, auth);

        Assert.Equal(Convert.ToHexString(B3["cipher-key"]), Convert.ToHexString(key));
        Assert.Equal(Convert.ToHexString(B3["cipher-salt"]), Convert.ToHexString(salt));
        Assert.Equal(Convert.ToHexString(B3["auth-key"]), Convert.ToHexString(auth));
    }

    [Fact]
    public void Context_built_from_B3_master_keys_matches_a_reference_built_from_the_B3_session_keys()
    {
        var reference = new ReferenceSrtp(SrtpProfile.Aes128CmHmacSha1_80, B3["master-key"], B3["master-salt"]);
        Assert.Equal(Convert.ToHexString(B3["cipher-key"]), Convert.ToHexString(reference.RtpKey));
        Assert.Equal(Convert.ToHexString(B3["cipher-salt"]), Convert.ToHexString(reference.RtpSalt));
        Assert.Equal(Convert.ToHexString(B3["auth-key"].AsSpan(0, 20)), Convert.ToHexString(reference.RtpAuthKey));
    }
}
