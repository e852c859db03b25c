using System.Net;
using System.Net.Sockets;
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
        var (uac, uas) = await RunPairAsync(
            new SippPhoneOptions { Scenario = SippScenario.DoubleNodeAnswer, Service = "node", RtpEcho = true },
            Uac(SippScenario.UacCallAuth, ("talk_ms", "1000")));

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
        var (uac, uas) = await RunPairAsync(
            new SippPhoneOptions { Scenario = SippScenario.DoubleNodeAnswer, Service = "node", RtpEcho = true },
            Uac(SippScenario.UacCallG729, ("talk_ms", "500")));

        Assert.True(uac.Succeeded, uac.ToString());
        Assert.True(uas.Succeeded, uas.ToString());
        Assert.Contains("a=rtpmap:18 G729/8000", uac.MessageLog, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Uac_call_without_a_challenge_is_answered_by_uas_answer_which_takes_the_bye()
    {
        InteropPeer.RequirePrivateNetwork();
        var (uac, uas) = await RunPairAsync(Uas(SippScenario.UasAnswer), Uac(SippScenario.UacCallAuth, ("talk_ms", "500")));

        Assert.True(uac.Succeeded, uac.ToString());
        Assert.True(uas.Succeeded, uas.ToString());
        Assert.Contains("BYE sip:bob@127.0.0.1", uac.MessageLog, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Uas_answer_hangs_up_after_hangup_ms_and_uac_hungup_by_remote_takes_it()
    {
        InteropPeer.RequirePrivateNetwork();
        var (uac, uas) = await RunPairAsync(Uas(SippScenario.UasAnswer, ("answer_ms", "300"), ("hangup_ms", "800")),
            Uac(SippScenario.UacHungUpByRemote));

        Assert.True(uac.Succeeded, uac.ToString());
        Assert.True(uas.Succeeded, uas.ToString());
        Assert.Contains("BYE sip:alice@127.0.0.1", uas.MessageLog, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Uac_cancel_on_ringing_gets_200_and_487_from_uas_ring_forever()
    {
        InteropPeer.RequirePrivateNetwork();
        var (uac, uas) = await RunPairAsync(Uas(SippScenario.UasRingForever), Uac(SippScenario.UacCancelAuth));

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
        var (uac, uas) = await RunPairAsync(Uas(SippScenario.UasReject, ("reject_code", code)),
            Uac(SippScenario.UacExpectReject, ("expected", code)));

        Assert.True(uac.Succeeded, uac.ToString());
        Assert.True(uas.Succeeded, uas.ToString());
        Assert.Contains("final: SIP/2.0 " + code, uac.Log, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Uac_expect_reject_fails_when_another_code_comes()
    {
        InteropPeer.RequirePrivateNetwork();
        var (uac, _) = await RunPairAsync(Uas(SippScenario.UasReject, ("reject_code", "603")),
            Uac(SippScenario.UacExpectReject, ("expected", "486")));

        Assert.False(uac.Succeeded, uac.ToString());
    }

    [SkippableTheory]
    [InlineData("secret", true)]
    [InlineData("wrong", false)]
    public async Task Register_answers_the_digest_challenge(string password, bool accepted)
    {
        InteropPeer.RequirePrivateNetwork();
        await using var registrar = SippPhone.Start(new SippPhoneOptions { Scenario = SippScenario.DoubleRegistrar, ToneHz = 0 });
        await WaitUntilListeningAsync(registrar.LocalPort);

        var result = await SippPhone.RegisterAsync($"127.0.0.1:{registrar.LocalPort}", "alice", password, FreePort.UdpAndTcp());

        Assert.True(result.Succeeded == accepted, result.ToString());
        var registrarResult = await registrar.WaitForExitAsync(Bound);
        Assert.True(registrarResult.Succeeded == accepted, registrarResult.ToString());
    }

    [SkippableFact]
    public async Task Baresip_registers_with_digest_at_a_registrar_and_unregisters()
    {
        InteropPeer.RequirePrivateNetwork();
        await using var registrar = SippPhone.Start(new SippPhoneOptions { Scenario = SippScenario.DoubleRegistrarUnregister, ToneHz = 0 });
        await WaitUntilListeningAsync(registrar.LocalPort);
        await using var phone = await BaresipPhone.StartAsync(new BaresipPhoneOptions
        {
            User = "alice",
            Password = "secret",
            Registrar = $"127.0.0.1:{registrar.LocalPort}",
        });

        await phone.WaitForRegisteredAsync(TimeSpan.FromSeconds(15));
        await phone.UnregisterAsync(TimeSpan.FromSeconds(15));

        var result = await registrar.WaitForExitAsync(Bound);
        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains($"@127.0.0.1:{phone.SipPort}>;expires=0", result.MessageLog, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Baresip_hears_the_tone_uas_answer_streams()
    {
        InteropPeer.RequirePrivateNetwork();
        await using var uas = SippPhone.Start(Uas(SippScenario.UasAnswer) with { ToneHz = 1000 });
        await WaitUntilListeningAsync(uas.LocalPort);
        await using var phone = await BaresipPhone.StartAsync(new BaresipPhoneOptions { User = "alice", ToneHz = 600 });

        await phone.DialAsync($"sip:bob@127.0.0.1:{uas.LocalPort}");
        await phone.WaitForEventAsync(BaresipEventTypes.CallEstablished, TimeSpan.FromSeconds(15));
        await phone.WaitForEventAsync(BaresipEventTypes.CallRtpEstablished, TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await phone.HangUpAsync();
        await phone.WaitForEventAsync(BaresipEventTypes.CallClosed, TimeSpan.FromSeconds(15));

        var heard = ToneAnalysis.AnalyzeWav(await phone.WaitForReceivedAudioAsync(TimeSpan.FromSeconds(15)));
        Assert.True(heard.IsToneNear(1000, 20), "baresip heard " + heard);
        var result = await uas.WaitForExitAsync(Bound);
        Assert.True(result.Succeeded, result.ToString());
    }

    [SkippableFact]
    public async Task Uac_call_reaches_an_auto_answering_baresip_which_hears_its_tone()
    {
        InteropPeer.RequirePrivateNetwork();
        await using var phone = await BaresipPhone.StartAsync(new BaresipPhoneOptions { User = "bob", ToneHz = 600, AutoAnswer = true });

        var uac = await SippPhone.RunAsync(Uac(SippScenario.UacCallAuth, ("talk_ms", "3000")) with
        {
            Remote = $"127.0.0.1:{phone.SipPort}",
            Domain = "127.0.0.1",
            ToneHz = 1000,
        }, Bound);

        Assert.True(uac.Succeeded, uac.ToString());
        await phone.WaitForEventAsync(BaresipEventTypes.CallClosed, TimeSpan.FromSeconds(15));
        var heard = ToneAnalysis.AnalyzeWav(await phone.WaitForReceivedAudioAsync(TimeSpan.FromSeconds(15)));
        Assert.True(heard.IsToneNear(1000, 20), "baresip heard " + heard);
    }

    [SkippableFact]
    public async Task Uac_call_pcap_sends_tone_and_rfc4733_digits_that_baresip_receives()
    {
        InteropPeer.RequirePrivateNetwork();
        await using var phone = await BaresipPhone.StartAsync(new BaresipPhoneOptions { User = "bob", ToneHz = 600, AutoAnswer = true });

        var uac = await SippPhone.RunAsync(Uac(SippScenario.UacCallPcap, ("talk_ms", "4000")) with
        {
            Remote = $"127.0.0.1:{phone.SipPort}",
            Domain = "127.0.0.1",
            ToneHz = 1000,
            DtmfDigits = "15#",
        }, Bound);

        Assert.True(uac.Succeeded, uac.ToString());
        await phone.WaitForEventAsync(BaresipEventTypes.CallClosed, TimeSpan.FromSeconds(15));
        var digits = phone.Events.Where(e => e.Type == BaresipEventTypes.CallDtmfStart).Select(e => e.Param);
        Assert.Equal(["1", "5", "#"], digits);
        var heard = ToneAnalysis.AnalyzeWav(await phone.WaitForReceivedAudioAsync(TimeSpan.FromSeconds(15)));
        Assert.True(heard.IsToneNear(1000, 20), "baresip heard " + heard);
    }

    [SkippableFact]
    public async Task Uac_call_info_dtmf_sends_sip_info_digits_that_baresip_receives()
    {
        InteropPeer.RequirePrivateNetwork();
        await using var phone = await BaresipPhone.StartAsync(new BaresipPhoneOptions { User = "bob", ToneHz = 600, AutoAnswer = true });

        var uac = await SippPhone.RunAsync(Uac(SippScenario.UacCallInfoDtmf, ("talk_ms", "500")) with
        {
            Remote = $"127.0.0.1:{phone.SipPort}",
            Domain = "127.0.0.1",
            Keys = new Dictionary<string, string> { ["info1"] = "7", ["info2"] = "*", ["info3"] = "0" },
        }, Bound);

        Assert.True(uac.Succeeded, uac.ToString());
        await phone.WaitForEventAsync(BaresipEventTypes.CallClosed, TimeSpan.FromSeconds(15));
        var digits = phone.Events.Where(e => e.Type == BaresipEventTypes.CallDtmfStart).Select(e => e.Param);
        Assert.Equal(["7", "*", "0"], digits);
    }

    [SkippableFact]
    public async Task Uac_call_hold_puts_baresip_on_hold_and_resumes()
    {
        InteropPeer.RequirePrivateNetwork();
        await using var phone = await BaresipPhone.StartAsync(new BaresipPhoneOptions { User = "bob", ToneHz = 600, AutoAnswer = true });

        var uac = await SippPhone.RunAsync(Uac(SippScenario.UacCallHold, ("talk_ms", "1500"), ("hold_ms", "1500")) with
        {
            Remote = $"127.0.0.1:{phone.SipPort}",
            Domain = "127.0.0.1",
        }, Bound);

        Assert.True(uac.Succeeded, uac.ToString());
        Assert.Contains("a=recvonly", uac.MessageLog, StringComparison.Ordinal);
        Assert.Contains("a=sendonly", uac.MessageLog, StringComparison.Ordinal);
        await phone.WaitForEventAsync(BaresipEventTypes.CallClosed, TimeSpan.FromSeconds(15));
        // baresip 1.0's sndfile stops writing received audio when a re-INVITE restarts its player, so only the audio
        // before the hold can be checked on this side; the far end (the browser) checks the resumed audio.
        var beforeHold = ToneAnalysis.AnalyzeWav(await phone.WaitForReceivedAudioAsync(TimeSpan.FromSeconds(15)));
        Assert.True(beforeHold.IsToneNear(1000, 20), "baresip heard " + beforeHold);
    }

    private static SippPhoneOptions Uas(string scenario, params (string Name, string Value)[] variables) => new()
    {
        Scenario = scenario,
        Service = "bob",
        Variables = variables.ToDictionary(v => v.Name, v => v.Value),
        Timeout = TimeSpan.FromSeconds(20),
    };

    private static SippPhoneOptions Uac(string scenario, params (string Name, string Value)[] variables) => new()
    {
        Scenario = scenario,
        Service = "bob",
        Caller = "alice",
        AuthUser = "alice",
        AuthPassword = "secret",
        Variables = variables.ToDictionary(v => v.Name, v => v.Value),
        Timeout = TimeSpan.FromSeconds(20),
    };

    private static async Task<(SippResult Uac, SippResult Uas)> RunPairAsync(SippPhoneOptions uasOptions, SippPhoneOptions uacOptions)
    {
        await using var uas = SippPhone.Start(uasOptions);
        await WaitUntilListeningAsync(uas.LocalPort);
        var uac = await SippPhone.RunAsync(uacOptions with { Remote = $"127.0.0.1:{uas.LocalPort}" }, Bound);
        var uasResult = await uas.WaitForExitAsync(Bound);
        return (uac, uasResult);
    }

    /// <summary>SIPp prints nothing when it is ready; its UDP port being taken is the signal.</summary>
    private static async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                return;
            }

            probe.Close();
            await Task.Delay(50);
        }

        throw new TimeoutException($"SIPp did not bind 127.0.0.1:{port}");
    }
}
