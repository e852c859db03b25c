using SipCube.Testing;

namespace SipCube.Sip.Tests.Interop;

/// <summary>SIPp 3.6.1 against the real UDP/TCP endpoint, inside the private network namespace.</summary>
[Trait("Category", "Interop")]
public class SippInteropTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static string Scenario(string name) => Path.Combine(RepositoryPaths.Tests, "testdata", "sipp", name);

    private static async Task<(int ExitCode, string Output)> RunSippAsync(SipServerUnderTest server, string scenario, string user, string password,
        string transport = "u1")
    {
        var sippPort = FreePort.UdpAndTcp();
        await using var sipp = PeerProcess.Start("sipp", [
            $"127.0.0.1:{server.Port}", "-sf", Scenario(scenario), "-s", user, "-au", user, "-ap", password,
            "-i", "127.0.0.1", "-p", sippPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", transport,
            "-m", "1", "-nostdin", "-default_behaviors", "all,-bye", "-timeout", "20s", "-trace_logs",
        ], workingDirectory: Path.GetTempPath());
        var code = await sipp.WaitForExitAsync(Bound);
        return (code, sipp.Output);
    }

    [SkippableFact]
    public async Task Sipp_registers_with_md5_digest_over_udp()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("sipp");
        await using var server = await SipServerUnderTest.StartAsync();
        var (code, output) = await RunSippAsync(server, "uac-register-digest-expect-200.xml", "alice", "secret");
        Assert.True(code == 0, output);
        var binding = Assert.Single(server.Location.GetContacts("sip:alice@test.local"));
        Assert.Equal("UDP", binding.Flow.Transport);
    }

    [SkippableFact]
    public async Task Sipp_registers_with_md5_digest_over_tcp()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("sipp");
        await using var server = await SipServerUnderTest.StartAsync();
        var (code, output) = await RunSippAsync(server, "uac-register-digest-expect-200.xml", "alice", "secret", transport: "t1");
        Assert.True(code == 0, output);
        Assert.Equal("TCP", Assert.Single(server.Location.GetContacts("sip:alice@test.local")).Flow.Transport);
    }

    [SkippableFact]
    public async Task Sipp_with_a_wrong_password_gets_401_again()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("sipp");
        await using var server = await SipServerUnderTest.StartAsync();
        var (code, output) = await RunSippAsync(server, "uac-register-wrong-password-expect-401.xml", "alice", "not-the-password");
        Assert.True(code == 0, output);
        Assert.Empty(server.Location.AllBindings());
    }

    [SkippableFact]
    public async Task Sipp_options_ping_gets_200()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("sipp");
        await using var server = await SipServerUnderTest.StartAsync();
        var (code, output) = await RunSippAsync(server, "uac-options-expect-200.xml", "monitor", "x");
        Assert.True(code == 0, output);
    }

    [SkippableFact]
    public async Task Sipp_behind_simulated_nat_gets_rport_and_received_and_its_contact_is_rewritten()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("sipp");
        await using var server = await SipServerUnderTest.StartAsync();
        var (code, output) = await RunSippAsync(server, "uac-register-behind-nat-expect-rport.xml", "alice", "secret");
        Assert.True(code == 0, output);
        var binding = Assert.Single(server.Location.GetContacts("sip:alice@test.local"));
        Assert.Equal("sip:alice@192.168.1.50:5060", binding.Contact);
        Assert.StartsWith("sip:alice@127.0.0.1:", binding.ReachableUri, StringComparison.Ordinal);
        Assert.Equal(binding.Flow.Remote.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), binding.ReachableUri.Split(':')[^1]);
    }
}
