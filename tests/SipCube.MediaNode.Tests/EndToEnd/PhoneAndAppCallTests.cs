using System.Text.Json;
using SipCube.Testing;
using SipCube.Testing.Audio;
using SipCube.Testing.Phones;

namespace SipCube.MediaNode.Tests.EndToEnd;

/// <summary>
/// Issue 6 end to end with real peers only: baresip registered to the real node, the real <c>connectycube</c> SDK on the
/// node's /demo page in headless Chromium, audio both ways checked by tone frequency (the phone sends 1 kHz, the browser
/// 600 Hz), and each call's CDR in <c>GET /api/cdrs</c>.
/// </summary>
[Trait("Category", "Interop")]
[Collection(EndToEndCollection.Name)]
public sealed class PhoneAndAppCallTests(BridgeNode bridge)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [SkippableTheory]
    [InlineData("1001", BaresipCodecs.Pcmu, "PCMU")]
    [InlineData("1002", BaresipCodecs.Opus, "opus")]
    public async Task Phone_calls_app_user_and_each_hears_the_other(string user, string codec, string sdpCodec)
    {
        await StartAsync();
        await bridge.PhoneAsync(user);
        var since = DateTimeOffset.UtcNow;
        await using var phone = await RegisteredBaresipAsync(user, codec);

        await phone.DialAsync("sip:app@127.0.0.1");
        var incoming = await bridge.App.WaitForEventAsync("incoming", Bound);
        await bridge.App.AnswerAsync();
        await phone.WaitForEventAsync(BaresipEventTypes.CallEstablished, Bound);
        await bridge.App.WaitForEventAsync("connected", Bound);

        var heard = await bridge.App.MeasureRemoteToneAsync(2000);
        var stats = await bridge.App.GetStatsAsync();
        await phone.HangUpAsync();
        var ended = await bridge.App.WaitForEventAsync("ended", Bound);
        var phoneHeard = ToneAnalysis.AnalyzeWav(await phone.WaitForReceivedAudioAsync(Bound));

        Assert.Equal(await bridge.PhoneAsync(user), incoming.GetProperty("callerId").GetInt64());
        Assert.True(heard.IsNear(1000), $"browser heard {heard}; phone output:\n{phone.Output}");
        Assert.True(phoneHeard.IsToneNear(BridgeNode.AppToneHz), $"phone heard {phoneHeard}");
        Assert.Equal("audio/" + sdpCodec, stats.Codec, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("remote-hangup", ended.GetProperty("reason").GetString());

        var cdr = await bridge.WaitForCdrAsync(user, since, Bound);
        Assert.Equal("normal_clearing", cdr.GetProperty("terminationCause").GetString());
        Assert.True(cdr.GetProperty("sipLeg").GetProperty("packetsReceived").GetInt64() > 50, cdr.ToString());
        Assert.True(cdr.GetProperty("webRtcLeg").GetProperty("packetsReceived").GetInt64() > 50, cdr.ToString());
    }

    [SkippableFact]
    public async Task App_user_calls_phone_and_hangs_up()
    {
        await StartAsync();
        var identity = await bridge.PhoneAsync("1003");
        var since = DateTimeOffset.UtcNow;
        await using var phone = await RegisteredBaresipAsync("1003", BaresipCodecs.Pcmu);

        await CallWhenOnlineAsync(identity, phone, "1003");
        await phone.AnswerAsync();
        await bridge.App.WaitForEventAsync("accepted", Bound);
        await bridge.App.WaitForEventAsync("connected", Bound);

        var heard = await bridge.App.MeasureRemoteToneAsync(2000);
        await bridge.App.HangUpAsync();
        await phone.WaitForEventAsync(BaresipEventTypes.CallClosed, Bound);
        var phoneHeard = ToneAnalysis.AnalyzeWav(await phone.WaitForReceivedAudioAsync(Bound));

        Assert.True(heard.IsNear(1000), $"browser heard {heard}");
        Assert.True(phoneHeard.IsToneNear(BridgeNode.AppToneHz), $"phone heard {phoneHeard}");
        var cdr = await bridge.WaitForCdrAsync("1003", since, Bound);
        Assert.Equal("normal_clearing", cdr.GetProperty("terminationCause").GetString());
    }

    private async Task StartAsync()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("baresip");
        InteropPeer.Require("chromium");
        InteropPeer.Require("node");
        await bridge.StartAsync();
        await bridge.ForgetAppEventsAsync();
    }

    private async Task<BaresipPhone> RegisteredBaresipAsync(string user, string codec)
    {
        var phone = await BaresipPhone.StartAsync(new BaresipPhoneOptions
        {
            User = user,
            Domain = "127.0.0.1",
            Password = BridgeNode.PhonePassword,
            Registrar = bridge.Registrar,
            AudioCodecs = [codec],
            ToneHz = 1000,
        });
        try
        {
            await phone.WaitForRegisteredAsync(Bound);
            return phone;
        }
        catch
        {
            await phone.DisposeAsync();
            throw;
        }
    }

    private async Task CallWhenOnlineAsync(long identity, BaresipPhone phone, string user)
    {
        await bridge.WaitForIdentityOnlineAsync(user, Bound);
        await bridge.App.CallAsync(identity);
        await phone.WaitForEventAsync(BaresipEventTypes.CallIncoming, Bound);
    }
}
