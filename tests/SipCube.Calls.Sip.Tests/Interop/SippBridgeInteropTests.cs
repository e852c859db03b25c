using System.Globalization;
using SipCube.Calls.Ports;
using SipCube.Testing;

namespace SipCube.Calls.Sip.Tests.Interop;

/// <summary>SIPp 3.6.1 as the phone on both sides of the SIP edge, over real UDP inside the private network namespace.</summary>
[Trait("Category", "Interop")]
public class SippBridgeInteropTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    private static string Scenario(string name) => Path.Combine(RepositoryPaths.Tests, "SipCube.Calls.Sip.Tests", "Scenarios", name);

    private static string[] Common(int port) =>
        ["-i", "127.0.0.1", "-mi", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-m", "1", "-nostdin", "-timeout", "30s", "-trace_err"];

    [SkippableFact]
    public async Task Sipp_phone_calls_in_with_digest_gets_180_200_and_hangs_up_with_bye()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("sipp");
        await using var bridge = await BridgeUnderTest.StartAsync();
        await using var sipp = PeerProcess.Start("sipp",
            [$"127.0.0.1:{bridge.Port}", "-sf", Scenario("phone-calls-app-with-digest.xml"), "-s", "2002", "-au", "alice", "-ap", "secret",
             "-default_behaviors", "all,-bye", .. Common(FreePort.UdpAndTcp())], workingDirectory: Path.GetTempPath());
        var code = await sipp.WaitForExitAsync(Bound);
        Assert.True(code == 0, sipp.Output);
        Assert.Equal(TerminationReason.NormalClearing, (await bridge.EndedAsync(Bound)).Reason);
        var app = Assert.Single(bridge.Factory.AppLegs);
        Assert.Equal(AppEnding.HangUp, await app.Ended.Task.WaitAsync(Bound));
        Assert.Contains("m=audio", await app.Called.Task.WaitAsync(Bound), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Registered_sipp_phone_answers_the_bridges_invite_and_gets_its_bye()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("sipp");
        await using var bridge = await BridgeUnderTest.StartAsync();
        var phonePort = FreePort.UdpAndTcp();

        // The phone registers from the port it will answer on, so the binding's flow leads back to it.
        await using (var register = PeerProcess.Start("sipp",
            [$"127.0.0.1:{bridge.Port}", "-sf", RepositoryPaths.TestData("sipp/uac-register-digest-expect-200.xml"), "-s", "alice",
             "-au", "alice", "-ap", "secret", "-default_behaviors", "all,-bye", .. Common(phonePort)], workingDirectory: Path.GetTempPath()))
        {
            Assert.True(await register.WaitForExitAsync(Bound) == 0, register.Output);
        }

        Assert.Single(bridge.Location.GetContacts("sip:alice@test.local"));
        await using var phone = PeerProcess.Start("sipp", ["-sf", Scenario("phone-answers-bridge.xml"), .. Common(phonePort)],
            workingDirectory: Path.GetTempPath());

        var session = bridge.Registry.TryStart("interop-app-call")!;
        var app = new FakeAppLeg();
        session.Sink.Post(new CallEvent.AppCallStarted(app, new AppCallRequest
        {
            SessionId = "cc-interop",
            CallerUserId = 2002,
            CalleeUserId = 1001,
            SdpOffer = BridgeUnderTest.AnswerSdp,
        }));
        Assert.Contains("m=audio", await app.Accepted.Task.WaitAsync(Bound), StringComparison.Ordinal);
        session.Sink.Post(new CallEvent.AppHungUp());
        var code = await phone.WaitForExitAsync(Bound);
        Assert.True(code == 0, phone.Output);
        Assert.Equal(TerminationReason.NormalClearing, (await bridge.EndedAsync(Bound)).Reason);
    }
}
