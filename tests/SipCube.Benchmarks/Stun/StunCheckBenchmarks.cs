using System.Net;
using BenchmarkDotNet.Attributes;
using SipCube.Stun;
using SipCube.Stun.IceLite;

namespace SipCube.Benchmarks.Stun;

/// <summary>
/// The ICE-lite hot path: a browser's connectivity check (USERNAME, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE,
/// MESSAGE-INTEGRITY, FINGERPRINT) parsed, authenticated and answered with XOR-MAPPED-ADDRESS + integrity +
/// fingerprint; plus parse-only and verify-only (raw key re-keyed per call by the BCL, and the precomputed key) for the breakdown.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class StunCheckBenchmarks
{
    private readonly IPEndPoint source = new(IPAddress.Loopback, 50000);
    private readonly byte[] response = new byte[256];
    private IceLiteAgent agent = null!;
    private byte[] check = null!;
    private byte[] key = null!;
    private StunIntegrityKey integrityKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        var local = new IceCredentials("locl", "localpasswordlocalpassword");
        agent = new IceLiteAgent(local, TimeProvider.System);
        agent.SetRemoteUfrag("rmte");
        key = System.Text.Encoding.UTF8.GetBytes(local.Password);
        integrityKey = new StunIntegrityKey(key);
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, new byte[12]);
        writer.AddText(StunAttributeType.Username, "locl:rmte");
        writer.AddUInt32(StunAttributeType.Priority, 0x6E0001FF);
        writer.AddUInt64(StunAttributeType.IceControlling, 0x1122334455667788);
        writer.AddFlag(StunAttributeType.UseCandidate);
        writer.AddMessageIntegrity(key);
        writer.AddFingerprint();
        check = buffer.AsSpan(0, writer.Length).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => agent.Dispose();

    [Benchmark(Baseline = true)]
    public int AnswerCheck() => (int)agent.HandleDatagram(check, source, response, out _);

    [Benchmark]
    public bool ParseOnly() => StunMessage.TryParse(check, out _, out _);

    [Benchmark]
    public bool ParseAndVerify() => StunMessage.TryParse(check, out var m, out _) && m.VerifyFingerprint() && m.VerifyMessageIntegrity(key);

    /// <summary>As <see cref="ParseAndVerify"/> with the per-connection precomputed key the agent uses.</summary>
    [Benchmark]
    public bool ParseAndVerifyPrecomputedKey() => StunMessage.TryParse(check, out var m, out _) && m.VerifyFingerprint() && m.VerifyMessageIntegrity(integrityKey);
}
