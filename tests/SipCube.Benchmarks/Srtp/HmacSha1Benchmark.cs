using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using SipCube.Srtp;

namespace SipCube.Benchmarks.Srtp;

/// <summary>The ways to compute the SRTP tag (HMAC-SHA1 over a 172-byte packet || ROC) that .NET offers here:
/// our precomputed pads with OpenSSL's SHA-NI compression or the managed one, a reused
/// <see cref="IncrementalHash"/>, and the one-shot <see cref="HMACSHA1.TryHashData"/> (re-keys per call).</summary>
[MemoryDiagnoser]
[MinColumn]
public class HmacSha1Benchmark : IDisposable
{
    private static readonly byte[] Key = Convert.FromHexString("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");

    private readonly byte[] packet = new byte[172];
    private readonly byte[] roc = [0, 0, 0, 1];
    private readonly byte[] message = new byte[176];
    private readonly byte[] tag = new byte[20];
    private readonly HmacSha1Authenticator native = new(Key, allowNative: true);
    private readonly HmacSha1Authenticator managed = new(Key, allowNative: false);
    private readonly IncrementalHash incremental = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, Key);

    [Benchmark(Baseline = true)]
    public byte PrecomputedPadsNative()
    {
        native.ComputeTag(packet, roc, tag);
        return tag[0];
    }

    [Benchmark]
    public byte PrecomputedPadsManaged()
    {
        managed.ComputeTag(packet, roc, tag);
        return tag[0];
    }

    [Benchmark]
    public byte ReusedIncrementalHash()
    {
        incremental.AppendData(packet);
        incremental.AppendData(roc);
        incremental.TryGetHashAndReset(tag, out _);
        return tag[0];
    }

    [Benchmark]
    public byte OneShotTryHashData()
    {
        HMACSHA1.TryHashData(Key, message, tag, out _);
        return tag[0];
    }

    public void Dispose()
    {
        native.Dispose();
        managed.Dispose();
        incremental.Dispose();
        GC.SuppressFinalize(this);
    }
}
