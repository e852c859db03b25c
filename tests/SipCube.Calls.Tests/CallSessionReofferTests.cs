using SipCube.Calls.Ports;
using SipCube.Calls.State;
using SipCube.Calls.Tests.Fakes;

namespace SipCube.Calls.Tests;

public class CallSessionReofferTests
{
    private static async Task<CallHarness> AnsweredPhoneCallAsync()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");
        await h.PostAsync(new CallEvent.AppAccepted("app-answer"));
        Assert.Equal(CallPhase.Answered, h.Session.Phase);
        return h;
    }

    private static async Task<ReofferOutcome> ReofferAsync(CallHarness h, string legId, string offer)
    {
        var reply = new ReofferReply();
        await h.PostAsync(new CallEvent.SipReoffered(legId, offer, reply));
        Assert.True(reply.Outcome.IsCompleted, "the session must decide a re-offer while handling it");
        return await reply.Outcome;
    }

    [Fact]
    public async Task A_phone_reoffer_in_an_answered_call_is_answered_by_the_bridge_and_the_app_leg_is_not_signalled()
    {
        var h = await AnsweredPhoneCallAsync();
        var appCallsBefore = h.AppLeg.Calls.ToList();

        var hold = await ReofferAsync(h, "inbound", "hold-offer");
        var resume = await ReofferAsync(h, "inbound", "resume-offer");

        Assert.Equal(new ReofferOutcome(200, "OK", "reanswer-for-sip(hold-offer)"), hold);
        Assert.True(resume.Accepted);
        Assert.Equal(["hold-offer", "resume-offer"], h.Bridge.Updates);
        Assert.Equal(appCallsBefore, h.AppLeg.Calls);
        Assert.Empty(h.AppLeg.Endings);
        Assert.Equal(["200"], h.PhoneLeg.Calls);
        Assert.Equal(CallPhase.Answered, h.Session.Phase);
    }

    [Fact]
    public async Task An_incompatible_reoffer_gets_488_and_the_call_goes_on_with_its_media()
    {
        var h = await AnsweredPhoneCallAsync();
        h.Bridge.Incompatible = true;

        var refused = await ReofferAsync(h, "inbound", "g729-only");

        Assert.Equal(488, refused.StatusCode);
        Assert.Null(refused.SdpAnswer);
        Assert.Equal(CallPhase.Answered, h.Session.Phase);
        Assert.False(h.Bridge.Disposed);
        Assert.Empty(h.Events.Ended);

        h.Bridge.Incompatible = false;
        Assert.True((await ReofferAsync(h, "inbound", "pcmu-again")).Accepted);
        await h.PostAsync(new CallEvent.SipHungUp("inbound"));
        Assert.Equal(TerminationReason.NormalClearing, h.Cdr.Termination.Reason);
    }

    [Fact]
    public async Task A_reoffer_before_the_call_is_answered_gets_491_and_the_call_goes_on()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");

        var early = await ReofferAsync(h, "inbound", "early-offer");

        Assert.Equal(491, early.StatusCode);
        Assert.Empty(h.Bridge.Updates);
        Assert.Equal(CallPhase.Dialling, h.Session.Phase);
        await h.PostAsync(new CallEvent.AppAccepted("app-answer"));
        Assert.Equal(CallPhase.Answered, h.Session.Phase);
    }

    [Fact]
    public async Task In_an_app_call_only_the_winning_fork_may_reoffer_a_late_fork_gets_481()
    {
        var h = new CallHarness();
        await h.AppCallsAsync();
        await h.PostAsync(new CallEvent.SipAnswered("fork1", "phone-answer"));

        var winner = await ReofferAsync(h, "fork1", "hold-offer");
        var loser = await ReofferAsync(h, "fork0", "stray-offer");

        Assert.True(winner.Accepted);
        Assert.Equal(481, loser.StatusCode);
        Assert.Equal(["hold-offer"], h.Bridge.Updates);
        Assert.Equal(CallPhase.Answered, h.Session.Phase);
    }

    [Fact]
    public async Task Dtmf_from_the_phone_goes_to_the_app_only_in_an_answered_call_and_from_its_own_leg()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");
        await h.PostAsync(new CallEvent.SipDtmfReceived("inbound", '9', TimeSpan.FromMilliseconds(160)));
        await h.PostAsync(new CallEvent.AppAccepted("app-answer"));

        await h.PostAsync(new CallEvent.SipDtmfReceived("inbound", '5', TimeSpan.FromMilliseconds(160)));
        await h.PostAsync(new CallEvent.SipDtmfReceived("other-leg", '7', TimeSpan.FromMilliseconds(160)));
        await h.PostAsync(new CallEvent.SipDtmfReceived("inbound", '#', TimeSpan.FromMilliseconds(250)));

        Assert.Equal(['5', '#'], h.Bridge.DigitsToApp);
        Assert.Equal(CallPhase.Answered, h.Session.Phase);
    }

    [Fact]
    public async Task A_reoffer_still_queued_when_the_call_ends_gets_487()
    {
        var h = await AnsweredPhoneCallAsync();
        var reply = new ReofferReply();
        h.Session.Sink.Post(new CallEvent.AppHungUp());
        h.Session.Sink.Post(new CallEvent.SipReoffered("inbound", "late-offer", reply));
        await h.Session.ProcessPendingAsync(CancellationToken.None);

        Assert.Equal(487, (await reply.Outcome).StatusCode);
        Assert.Empty(h.Bridge.Updates);
        Assert.Equal(TerminationReason.NormalClearing, h.Cdr.Termination.Reason);
    }

    [Fact]
    public async Task A_reply_is_decided_once()
    {
        var reply = new ReofferReply();
        Assert.True(reply.TryAnswer("a"));
        Assert.False(reply.TryRefuse(488, "Not Acceptable Here"));
        Assert.Throws<ArgumentOutOfRangeException>(() => reply.TryRefuse(200, "OK"));
        Assert.Equal("a", (await reply.Outcome).SdpAnswer);
    }
}
