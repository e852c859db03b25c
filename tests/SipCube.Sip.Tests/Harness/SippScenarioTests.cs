using SipCube.Testing;
using SipCube.Testing.Audio;
using SipCube.Testing.Phones;

namespace SipCube.Sip.Tests.Harness;

/// <summary>
/// The bridge SIPp scenarios run against each other (and against small doubles that challenge like the node), so the
/// end-to-end tests can trust them: each pair must end with both sides successful, and a wrong expectation must fail.
/// </summary>
[Trait("Category", "Interop")]
public sealed class SippScenarioTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    [SkippableFact]
    public async Task Uac_call_answers_a_proxy_challenge_with_digest_then_talks_and_hangs_up()
    {
        InteropPeer.RequirePrivateNetwork();
        var (uac, uas) = await SippTestPeers.RunPairAsync(
            new SippPhoneOptions { Scenario = SippScenario.DoubleNodeAnswer, Service = "node", RtpEcho = true },
            SippTestPeers.Uac(SippScenario.UacCallAuth, ("talk_ms", "1000")));

        Assert.True(uac.Succeeded, uac.ToString());
        Assert.True(uas.Succeeded, uas.ToString());
        Assert.Contains("SIP/2.0 407", uac.MessageLog, StringComparison.Ordinal);
        Assert.Contains("Proxy-Authorization: Digest username=\"alice\"", uac.MessageLog, StringComparison.Ordinal);
        Assert.Contains("CSeq: 2 INVITE", uac.MessageLog, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Uac_call_g729_offers_g729_and_completes_the_call()
    {
        // The stream itself (PT 18, 20 bytes per 20 ms) was checked with tshark when the scenario was written.
        InteropPeer.RequirePrivateNetwork();
        Skip.IfNot(G729.IsAvailable || InteropPeer.Required, "libbcg729.so.0 is not installed");
        var (uac, uas) = await SippTestPeers.RunPairAsync(
            new SippPhoneOptions { Scenario = SippScenario.DoubleNodeAnswer, Service = "node", RtpEcho = true },
            SippTestPeers.Uac(SippScenario.UacCallG729, ("talk_ms", "500")));

        Assert.True(uac.Succeeded, uac.ToString());
        Assert.True(uas.Succeeded, uas.ToString());
        Assert.Contains("a=rtpmap:18 G729/8000", uac.MessageLog, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Uac_call_without_a_challenge_is_answered_by_uas_answer_which_takes_the_bye()
    {
        InteropPeer.RequirePrivateNetwork();
        var (uac, uas) = await SippTestPeers.RunPairAsync(SippTestPeers.Uas(SippScenario.UasAnswer), SippTestPeers.Uac(SippScenario.UacCallAuth, ("talk_ms", "500")));

        Assert.True(uac.Succeeded, uac.ToString());
        Assert.True(uas.Succeeded, uas.ToString());
        Assert.Contains("BYE sip:bob@127.0.0.1", uac.MessageLog, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Uas_answer_hangs_up_after_hangup_ms_and_uac_hungup_by_remote_takes_it()
    {
        InteropPeer.RequirePrivateNetwork();
        var (uac, uas) = await SippTestPeers.RunPairAsync(SippTestPeers.Uas(SippScenario.UasAnswer, ("answer_ms", "300"), ("hangup_ms", "800")),
            SippTestPeers.Uac(SippScenario.UacHungUpByRemote));

        Assert.True(uac.Succeeded, uac.ToString());
        Assert.True(uas.Succeeded, uas.ToString());
        Assert.Contains("BYE sip:alice@127.0.0.1", uas.MessageLog, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Uac_cancel_on_ringing_gets_200_and_487_from_uas_ring_forever()
    {
        InteropPeer.RequirePrivateNetwork();
        var (uac, uas) = await SippTestPeers.RunPairAsync(SippTestPeers.Uas(SippScenario.UasRingForever), SippTestPeers.Uac(SippScenario.UacCancelAuth));

        Assert.True(uac.Succeeded, uac.ToString());
        Assert.True(uas.Succeeded, uas.ToString());
        Assert.Contains("SIP/2.0 487", uac.MessageLog, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("486")]
    [InlineData("603")]
    [InlineData("480")]
    [InlineData("404")]
    public async Task Uac_expect_reject_accepts_the_code_uas_reject_sends(string code)
    {
        InteropPeer.RequirePrivateNetwork();
        var (uac, uas) = await SippTestPeers.RunPairAsync(SippTestPeers.Uas(SippScenario.UasReject, ("reject_code", code)),
            SippTestPeers.Uac(SippScenario.UacExpectReject, ("expected", code)));

        Assert.True(uac.Succeeded, uac.ToString());
        Assert.True(uas.Succeeded, uas.ToString());
        Assert.Contains("final: SIP/2.0 " + code, uac.Log, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Uac_expect_reject_fails_when_another_code_comes()
    {
        InteropPeer.RequirePrivateNetwork();
        var (uac, _) = await SippTestPeers.RunPairAsync(SippTestPeers.Uas(SippScenario.UasReject, ("reject_code", "603")),
            SippTestPeers.Uac(SippScenario.UacExpectReject, ("expected", "486")));

        Assert.False(uac.Succeeded, uac.ToString());
    }

    [SkippableTheory]
    [InlineData("secret", true)]
    [InlineData("wrong", false)]
    public async Task Register_answers_the_digest_challenge(string password, bool accepted)
    {
        InteropPeer.RequirePrivateNetwork();
        await using var registrar = SippPhone.Start(new SippPhoneOptions { Scenario = SippScenario.DoubleRegistrar, ToneHz = 0 });
        await SippTestPeers.WaitUntilListeningAsync(registrar.LocalPort);

        var result = await SippPhone.RegisterAsync($"127.0.0.1:{registrar.LocalPort}", "alice", password, FreePort.UdpAndTcp());

        Assert.True(result.Succeeded == accepted, result.ToString());
        var registrarResult = await registrar.WaitForExitAsync(Bound);
        Assert.True(registrarResult.Succeeded == accepted, registrarResult.ToString());
    }
}
