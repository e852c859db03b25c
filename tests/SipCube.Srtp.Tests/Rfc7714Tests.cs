namespace SipCube.Srtp.Tests;

/// <summary>RFC 7714 §16.1 (SRTP) and §17 (SRTCP) AEAD_AES_128_GCM vectors, from tests/testdata/rfc7714.</summary>
public sealed class Rfc7714Tests
{
    private static readonly Dictionary<string, byte[]> V = VectorFile.Load("rfc7714/aes128gcm.txt");

    public static TheoryData<bool> Paths => [true, false];

    private static SrtpContext CreateContext(bool intrinsics = true) =>
        new(SrtpProfile.AeadAes128Gcm, AesGcmCipher.FromSessionKeys(V["session-key"], V["session-salt"], intrinsics));

    [Fact]
    public void Section16_rtp_nonce_matches_the_published_iv()
    {
        Span<byte> nonce = stackalloc byte[12];
        AesGcmCipher.BuildRtpNonce(V["session-salt"], 0x5501a0b2, 0xf17b, nonce);
        Assert.Equal(Convert.ToHexString(V["rtp-iv"]), Convert.ToHexString(nonce));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Section16_1_1_protect_gives_the_published_packet(bool intrinsics)
    {
        using SrtpContext context = CreateContext(intrinsics);
        byte[] buffer = new byte[V["rtp-plain"].Length + 16];
        V["rtp-plain"].CopyTo(buffer, 0);

        Assert.True(context.TryProtectRtp(buffer, V["rtp-plain"].Length, out int written));
        Assert.Equal(Convert.ToHexString(V["rtp-protected"]), Convert.ToHexString(buffer, 0, written));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Section16_1_2_unprotect_gives_the_plain_packet(bool intrinsics)
    {
        using SrtpContext context = CreateContext(intrinsics);
        byte[] buffer = (byte[])V["rtp-protected"].Clone();

        Assert.Equal(SrtpResult.Ok, context.UnprotectRtp(buffer, buffer.Length, out int plain));
        Assert.Equal(Convert.ToHexString(V["rtp-plain"]), Convert.ToHexString(buffer, 0, plain));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Section17_1_protect_rtcp_gives_the_published_packet(bool intrinsics)
    {
        using SrtpContext context = CreateContext(intrinsics);
        context.SetNextRtcpIndex(0x4d617273, 0x5d4);
        byte[] buffer = new byte[V["rtcp-plain"].Length + 20];
        V["rtcp-plain"].CopyTo(buffer, 0);

        Assert.True(context.TryProtectRtcp(buffer, V["rtcp-plain"].Length, out int written));
        Assert.Equal(Convert.ToHexString(V["rtcp-protected"]), Convert.ToHexString(buffer, 0, written));
    }

    [Theory]
    [InlineData("rtcp-protected", true)]
    [InlineData("rtcp-tagged-only", true)]
    [InlineData("rtcp-protected", false)]
    [InlineData("rtcp-tagged-only", false)]
    public void Section17_unprotect_rtcp_with_and_without_E_flag(string vector, bool intrinsics)
    {
        using SrtpContext context = CreateContext(intrinsics);
        byte[] buffer = (byte[])V[vector].Clone();

        Assert.Equal(SrtpResult.Ok, context.UnprotectRtcp(buffer, buffer.Length, out int plain));
        Assert.Equal(Convert.ToHexString(V["rtcp-plain"]), Convert.ToHexString(buffer, 0, plain));
    }

    [Fact]
    public void Section17_tampered_tag_fails_authentication()
    {
        using SrtpContext context = CreateContext();
        byte[] buffer = (byte[])V["rtcp-protected"].Clone();
        buffer[^6] ^= 1;

        Assert.Equal(SrtpResult.AuthenticationFailed, context.UnprotectRtcp(buffer, buffer.Length, out _));
    }
}
