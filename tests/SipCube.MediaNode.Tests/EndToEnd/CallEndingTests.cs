using System.Text.Json;
using SipCube.Testing;
using SipCube.Testing.Phones;

namespace SipCube.MediaNode.Tests.EndToEnd;

/// <summary>
/// Issue 6 endings, each side, with SIPp as the scripted phone (its scenarios check the exact SIP the node sends) and the
/// real <c>connectycube</c> SDK on /demo as the app: reject, cancel, no answer, hang-up, each with its CDR cause.
/// </summary>
[Trait("Category", "Interop")]
[Collection(EndToEndCollection.Name)]
public sealed class CallEndingTests(BridgeNode bridge)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    [SkippableFact]
    public async Task App_rejects_a_phone_call_and_the_phone_gets_603()
    {
        var since = await bridge.PrepareCallAsync("2001");
        await using var phone = SippPhone.Start(bridge.SippCaller("2001", SippScenario.UacExpectReject, Bound, ("expected", "603")));

        await bridge.App.WaitForEventAsync("incoming", Bound);
        await bridge.App.RejectAsync("declined");

        await AssertSucceededAsync(phone);
        Assert.Equal("rejected", BridgeNode.CauseOf(await bridge.WaitForCdrAsync("2001", since, Bound)));
    }

    [SkippableFact]
    public async Task Phone_dials_the_app_user_by_its_connectycube_id_and_an_unknown_user_gets_404()
    {
        var since = await bridge.PrepareCallAsync("2008");
        await using (var numeric = SippPhone.Start(bridge.SippCaller("2008", SippScenario.UacExpectReject, Bound, ("expected", "603")) with
        {
            Service = bridge.App.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }))
        {
            var incoming = await bridge.App.WaitForEventAsync("incoming", Bound);
            await bridge.App.RejectAsync("declined");
            await AssertSucceededAsync(numeric);
            Assert.Equal(await bridge.PhoneAsync("2008"), incoming.GetProperty("callerId").GetInt64());
        }

        var unknown = await SippPhone.RunAsync(bridge.SippCaller("2008", SippScenario.UacExpectReject, Bound, ("expected", "404")) with { Service = "nobody" });
        Assert.True(unknown.Succeeded, unknown.ToString());
        var cdr = await bridge.Node.WaitForCdrAsync(
            c => c.GetProperty("terminationCause").GetString() == "not_found" && c.GetProperty("startUtc").GetDateTimeOffset() >= since.AddSeconds(-1),
            Bound);
        Assert.Equal(404, cdr.GetProperty("sipStatus").GetInt32());
    }

    [SkippableFact]
    public async Task Phone_cancels_before_the_app_answers()
    {
        var since = await bridge.PrepareCallAsync("2002");
        await using var phone = SippPhone.Start(bridge.SippCaller("2002", SippScenario.UacCancelAuth, Bound));

        await bridge.App.WaitForEventAsync("incoming", Bound);
        var ended = await bridge.App.WaitForEventAsync("ended", Bound);

        await AssertSucceededAsync(phone);
        Assert.Equal("cancelled", ended.GetProperty("reason").GetString());
        Assert.Equal("cancelled", BridgeNode.CauseOf(await bridge.WaitForCdrAsync("2002", since, Bound)));
    }

    [SkippableFact]
    public async Task Unanswered_phone_call_ends_with_480_after_the_no_answer_time()
    {
        var since = await bridge.PrepareCallAsync("2003");
        await using var phone = SippPhone.Start(bridge.SippCaller("2003", SippScenario.UacExpectReject, Bound, ("expected", "480")));

        await bridge.App.WaitForEventAsync("incoming", Bound);
        await bridge.App.WaitForEventAsync("ended", Bound);

        await AssertSucceededAsync(phone);
        Assert.Equal("no_answer", BridgeNode.CauseOf(await bridge.WaitForCdrAsync("2003", since, Bound)));
    }

    [SkippableFact]
    public async Task App_hangs_up_an_answered_phone_call_and_the_phone_gets_bye()
    {
        var since = await bridge.PrepareCallAsync("2004");
        await using var phone = SippPhone.Start(bridge.SippCaller("2004", SippScenario.UacHungUpByRemote, Bound));

        await bridge.App.WaitForEventAsync("incoming", Bound);
        await bridge.App.AnswerAsync();
        await bridge.App.WaitForEventAsync("connected", Bound);
        var heard = await bridge.App.MeasureRemoteToneAsync(1500);
        await bridge.App.HangUpAsync();

        await AssertSucceededAsync(phone);
        Assert.True(heard.IsNear(1000), $"browser heard {heard}");
        var cdr = await bridge.WaitForCdrAsync("2004", since, Bound);
        Assert.Equal("normal_clearing", BridgeNode.CauseOf(cdr));
        var sipLeg = cdr.GetProperty("sipLeg");
        Assert.True(sipLeg.GetProperty("packetsReceived").GetInt64() > 25, cdr.ToString());
        Assert.InRange(sipLeg.GetProperty("mos").GetDouble(), 4.0, 4.5);
    }

    [SkippableFact]
    public async Task Phone_rejects_an_app_call_with_486_and_the_app_sees_a_reject()
    {
        await bridge.PrepareCallAsync("2005");
        var since = DateTimeOffset.UtcNow;
        await using var phone = await RegisteredCalleeAsync("2005", SippScenario.UasReject, ("reject_code", "486"));

        await bridge.App.CallAsync(await bridge.PhoneAsync("2005"));
        var ended = await bridge.App.WaitForEventAsync("ended", Bound);

        await AssertSucceededAsync(phone);
        Assert.Equal("rejected", ended.GetProperty("reason").GetString());
        Assert.Equal("busy", BridgeNode.CauseOf(await bridge.WaitForCdrAsync("2005", since, Bound)));
    }

    [SkippableFact]
    public async Task App_cancels_its_call_and_the_ringing_phone_gets_cancel()
    {
        await bridge.PrepareCallAsync("2006");
        var since = DateTimeOffset.UtcNow;
        await using var phone = await RegisteredCalleeAsync("2006", SippScenario.UasRingForever);

        await bridge.App.CallAsync(await bridge.PhoneAsync("2006"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await bridge.App.HangUpAsync();

        await AssertSucceededAsync(phone);
        Assert.Equal("cancelled", BridgeNode.CauseOf(await bridge.WaitForCdrAsync("2006", since, Bound)));
    }

    [SkippableFact]
    public async Task Phone_hangs_up_an_answered_app_call_and_the_app_sees_it()
    {
        await bridge.PrepareCallAsync("2007");
        var since = DateTimeOffset.UtcNow;
        await using var phone = await RegisteredCalleeAsync("2007", SippScenario.UasAnswer, ("hangup_ms", "3000"));

        await bridge.App.CallAsync(await bridge.PhoneAsync("2007"));
        await bridge.App.WaitForEventAsync("accepted", Bound);
        var ended = await bridge.App.WaitForEventAsync("ended", Bound);

        await AssertSucceededAsync(phone);
        Assert.Equal("remote-hangup", ended.GetProperty("reason").GetString());
        Assert.Equal("normal_clearing", BridgeNode.CauseOf(await bridge.WaitForCdrAsync("2007", since, Bound)));
    }

    /// <summary>Registers <paramref name="user"/> from a port, then starts a callee scenario on that port; the node's
    /// INVITE to the phone's identity reaches it there.</summary>
    private async Task<SippPhone> RegisteredCalleeAsync(string user, string scenario, params (string Name, string Value)[] variables)
    {
        var port = FreePort.UdpAndTcp();
        var registered = await SippPhone.RegisterAsync(bridge.Registrar, user, BridgeNode.PhonePassword, port, "127.0.0.1");
        Assert.True(registered.Succeeded, registered.ToString());
        var phone = SippPhone.Start(new SippPhoneOptions
        {
            Scenario = scenario,
            Service = user,
            Domain = "127.0.0.1",
            LocalPort = port,
            Variables = variables.ToDictionary(v => v.Name, v => v.Value),
            Timeout = Bound,
        });

        // The node logs the phone's ConnectyCube identity in after the REGISTER; calls before that find it offline.
        await bridge.WaitForIdentityOnlineAsync(user, Bound);
        return phone;
    }

    private static async Task AssertSucceededAsync(SippPhone phone)
    {
        var result = await phone.WaitForExitAsync(Bound);
        Assert.True(result.Succeeded, result.ToString());
    }
}
