using System.Net;
using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SipCube.Stun.Tests;

/// <summary>The precomputed MESSAGE-INTEGRITY key (OpenSSL SHA-1 compressions, or the BCL fallback) against
/// the BCL's HMACSHA1 and the RFC 5769 samples.</summary>
public sealed class StunIntegrityKeyTests
{
    private static readonly byte[] ShortTermKey = Encoding.UTF8.GetBytes("VOkJxbRl1RmTxUk/WvJxBt");

    [Property(MaxTest = 300)]
    public Property Matches_the_bcl_hmac_for_random_keys_and_messages(byte[] key, byte[] message, bool allowNative)
    {
        var ours = new StunIntegrityKey(key, allowNative);
        byte[] mac = new byte[20];
        ours.Compute(message, mac);
        return mac.AsSpan().SequenceEqual(HMACSHA1.HashData(key, message)).ToProperty();
    }

    [Fact]
    public void Every_message_length_across_block_boundaries_and_long_keys_match_the_bcl()
    {
        byte[] message = [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 3))];
        foreach (int keyLength in new[] { 0, 22, 64, 65, 100 })
        {
            byte[] key = [.. Enumerable.Range(0, keyLength).Select(i => (byte)(i + 1))];
            var ours = new StunIntegrityKey(key);
            for (int length = 0; length <= message.Length; length++)
            {
                byte[] mac = new byte[20];
                ours.Compute(message.AsSpan(0, length), mac);
                Assert.Equal(HMACSHA1.HashData(key, message.AsSpan(0, length)), mac);
            }
        }
    }

    [Theory]
    [InlineData("sample-request.hex")]
    [InlineData("sample-ipv4-response.hex")]
    [InlineData("sample-ipv6-response.hex")]
    public void Rfc5769_samples_verify_with_the_precomputed_key(string file)
    {
        Assert.True(StunMessage.TryParse(TestVectors.Load(file), out var msg, out _));
        Assert.True(msg.VerifyMessageIntegrity(new StunIntegrityKey(ShortTermKey)));
        Assert.False(msg.VerifyMessageIntegrity(new StunIntegrityKey("wrong"u8)));
    }

    [Fact]
    public void Writer_with_the_precomputed_key_writes_the_same_bytes_as_with_the_raw_key()
    {
        byte[] a = new byte[256];
        byte[] b = new byte[256];
        byte[] transaction = [.. Enumerable.Range(1, 12).Select(i => (byte)i)];
        var raw = new StunMessageWriter(a, StunMessageType.BindingSuccess, transaction);
        raw.AddXorMappedAddress(IPAddress.Loopback, 40000);
        raw.AddMessageIntegrity(ShortTermKey);
        raw.AddFingerprint();
        var keyed = new StunMessageWriter(b, StunMessageType.BindingSuccess, transaction);
        keyed.AddXorMappedAddress(IPAddress.Loopback, 40000);
        keyed.AddMessageIntegrity(new StunIntegrityKey(ShortTermKey));
        keyed.AddFingerprint();
        Assert.Equal(a.AsSpan(0, raw.Length).ToArray(), b.AsSpan(0, keyed.Length).ToArray());
    }

    [SkippableFact]
    public void The_native_sha1_compression_is_bound_on_linux()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/usr/lib/x86_64-linux-gnu/libcrypto.so.3"), "no OpenSSL 3 here");
        Assert.True(Sha1Compression.IsAvailable);
    }
}
