using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SipCube.Srtp.Tests;

/// <summary>The precomputed-pad HMAC-SHA1 (native and managed compression) against the BCL's HMACSHA1 for every length split.</summary>
public sealed class HmacSha1AuthenticatorTests
{
    [Property(MaxTest = 300)]
    public Property Matches_the_bcl_for_random_keys_data_and_trailers(byte[] data, byte[] trailer, byte keySeed, bool allowNative)
    {
        byte[] key = new byte[20];
        new Random(keySeed).NextBytes(key);
        byte[] cut = trailer.Length > 8 ? trailer[..8] : trailer;
        byte[] expected = HMACSHA1.HashData(key, (byte[])[.. data, .. cut]);

        using var hmac = new HmacSha1Authenticator(key, allowNative);
        byte[] tag = new byte[20];
        hmac.ComputeTag(data, cut, tag);
        return tag.AsSpan().SequenceEqual(expected).ToProperty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_length_around_the_block_boundaries_matches_the_bcl(bool allowNative)
    {
        byte[] key = Convert.FromHexString("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");
        using var hmac = new HmacSha1Authenticator(key, allowNative);
        byte[] data = [.. Enumerable.Range(0, 200).Select(i => (byte)i)];
        byte[] roc = [0, 0, 0, 1];
        for (int length = 0; length <= 200; length++)
        {
            byte[] tag = new byte[10];
            hmac.ComputeTag(data.AsSpan(0, length), roc, tag);
            Assert.Equal(HMACSHA1.HashData(key, (byte[])[.. data.AsSpan(0, length), .. roc])[..10], tag);
        }
    }

    /// <summary>On Linux x64 with libssl3 (this machine, the container, CI) the fast path must be live, or the
    /// benchmarks silently measure the managed fallback.</summary>
    [SkippableFact]
    public void The_native_sha1_compression_is_bound_on_linux()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/usr/lib/x86_64-linux-gnu/libcrypto.so.3"), "no OpenSSL 3 here");
        Assert.True(NativeSha1.IsAvailable);
    }
}
