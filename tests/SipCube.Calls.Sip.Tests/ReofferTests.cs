using System.Globalization;
using System.Text;
using SipCube.Calls.Ports;
using SipCube.Sip.Message;

namespace SipCube.Calls.Sip.Tests;

/// <summary>Mid-call offers from the phone (re-INVITE, UPDATE) through the SIP edge and a real call session.</summary>
public class ReofferTests
{
    private const string HoldOffer = "v=0\r\no=alice 1 2 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=sendonly\r\n";

    /// <summary>Phone -> app call, answered and acknowledged; returns the 200 OK the phone saw.</summary>
    internal static async Task<SipMessage> AnsweredCallAsync(SipEdgeTestBed bed)
    {
        await bed.SendAsync(PhoneMessages.Invite());
        await bed.SendAsync(PhoneMessages.Authorized(await bed.ResponseAsync(407)));
        await (await bed.AppLegAsync()).Called.Task.WaitAsync(TimeSpan.FromSeconds(15));
        bed.Registry.Find("ph-call-1")!.Sink.Post(new CallEvent.AppAccepted("v=0\r\n"));
        var ok = await bed.ResponseAsync(200);
        await bed.Events.Answered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await bed.SendAsync(PhoneMessages.Ack(ok));
        return ok;
    }

    internal static SipMessage WithSdp(SipMessage request, string sdp, string contentType = "application/sdp")
    {
        request.Add(SipHeaderKind.Contact, "<sip:alice@10.0.0.2:5070>").Add(SipHeaderKind.ContentType, contentType);
        request.Body = Encoding.UTF8.GetBytes(sdp);
        return request;
    }

    private static SipMessage Reinvite(SipMessage ok, int cseq, string sdp = HoldOffer) =>
        WithSdp(PhoneMessages.InCallerDialog(ok, SipMethods.Invite, cseq, "z9hG4bKre" + cseq), sdp);

    private static string Body(SipMessage message) => Encoding.UTF8.GetString(message.Body.Span);

    private static Task<SipMessage> FinalAsync(SipEdgeTestBed bed, int cseq) =>
        bed.NextAsync(m => m.StatusCode >= 200 && m.CSeq!.Value.Number == cseq);

    [Fact]
    public async Task A_hold_reinvite_is_answered_by_the_bridge_with_200_resent_until_its_ack_and_the_call_goes_on()
    {
        await using var bed = new SipEdgeTestBed();
        var ok = await AnsweredCallAsync(bed);
        var app = await bed.AppLegAsync();
        await bed.SendAsync(Reinvite(ok, 3));

        await bed.NextAsync(m => m.StatusCode == 100 && m.CSeq!.Value.Number == 3);
        var reOk = await FinalAsync(bed, 3);
        Assert.Equal(200, reOk.StatusCode);
        Assert.Equal("answer:" + HoldOffer, Body(reOk));
        Assert.Equal(ok.Get(SipHeaderKind.To), reOk.Get(SipHeaderKind.To));
        Assert.Equal("<sip:10.0.0.1:5060>", reOk.Get(SipHeaderKind.Contact));
        Assert.Equal("application/sdp", reOk.Get(SipHeaderKind.ContentType));
        Assert.Equal([HoldOffer], bed.Factory.Bridges.Single().Updates);

        bed.Clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(200, (await FinalAsync(bed, 3)).StatusCode);
        await bed.SendAsync(PhoneMessages.Ack(reOk, "z9hG4bKack3"));
        bed.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.DoesNotContain(bed.Drain(), m => m.StatusCode == 200 || m.Method == SipMethods.Bye);

        Assert.False(app.Ended.Task.IsCompleted);
        await bed.SendAsync(PhoneMessages.InCallerDialog(ok, SipMethods.Bye, 4));
        await bed.NextAsync(m => m.StatusCode == 200 && m.CSeq!.Value.Method == SipMethods.Bye);
        Assert.Equal(TerminationReason.NormalClearing, (await bed.EndedAsync()).Reason);
    }

    [Fact]
    public async Task A_session_refresh_with_the_same_sdp_gets_the_same_answer_each_time()
    {
        await using var bed = new SipEdgeTestBed();
        var ok = await AnsweredCallAsync(bed);
        await bed.SendAsync(Reinvite(ok, 3, PhoneMessages.Offer));
        var first = await FinalAsync(bed, 3);
        await bed.SendAsync(PhoneMessages.Ack(first, "z9hG4bKack3"));
        await bed.SendAsync(Reinvite(ok, 4, PhoneMessages.Offer));
        var second = await FinalAsync(bed, 4);
        Assert.Equal(200, second.StatusCode);
        Assert.Equal(Body(first), Body(second));
    }

    [Fact]
    public async Task An_incompatible_reinvite_gets_488_with_a_warning_and_the_call_goes_on()
    {
        await using var bed = new SipEdgeTestBed();
        var ok = await AnsweredCallAsync(bed);
        bed.Factory.Bridges.Single().Incompatible = true;
        await bed.SendAsync(Reinvite(ok, 3));
        var refused = await FinalAsync(bed, 3);
        Assert.Equal(488, refused.StatusCode);
        Assert.StartsWith("305 ", refused.Get("Warning"), StringComparison.Ordinal);
        Assert.Equal(1, bed.Registry.Count);

        bed.Factory.Bridges.Single().Incompatible = false;
        await bed.SendAsync(Reinvite(ok, 4));
        Assert.Equal(200, (await FinalAsync(bed, 4)).StatusCode);
    }

    [Fact]
    public async Task A_reinvite_while_the_previous_one_is_unanswered_gets_500_with_retry_after_and_one_before_its_ack_491()
    {
        await using var bed = new SipEdgeTestBed();
        var ok = await AnsweredCallAsync(bed);
        var bridge = bed.Factory.Bridges.Single();
        bridge.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await bed.SendAsync(Reinvite(ok, 3));
        await bed.SendAsync(Reinvite(ok, 4));
        var busy = await FinalAsync(bed, 4);
        Assert.Equal(500, busy.StatusCode);
        Assert.InRange(int.Parse(busy.Get("Retry-After")!, CultureInfo.InvariantCulture), 0, 10);

        bridge.Gate.SetResult();
        var reOk = await FinalAsync(bed, 3);
        Assert.Equal(200, reOk.StatusCode);
        await bed.SendAsync(Reinvite(ok, 5));
        Assert.Equal(491, (await FinalAsync(bed, 5)).StatusCode);
        await bed.SendAsync(PhoneMessages.Ack(reOk, "z9hG4bKack3"));
        await bed.SendAsync(Reinvite(ok, 6));
        Assert.Equal(200, (await FinalAsync(bed, 6)).StatusCode);
        Assert.Equal([HoldOffer, HoldOffer], bridge.Updates);
    }

    [Fact]
    public async Task A_reinvite_without_sdp_gets_488_saying_why()
    {
        await using var bed = new SipEdgeTestBed();
        var ok = await AnsweredCallAsync(bed);
        var offerless = PhoneMessages.InCallerDialog(ok, SipMethods.Invite, 3, "z9hG4bKre3").Add(SipHeaderKind.Contact, "<sip:alice@10.0.0.2:5070>");
        await bed.SendAsync(offerless);
        var refused = await FinalAsync(bed, 3);
        Assert.Equal(488, refused.StatusCode);
        Assert.Contains("Without SDP", refused.ReasonPhrase, StringComparison.Ordinal);
        Assert.Empty(bed.Factory.Bridges.Single().Updates);
    }

    [Fact]
    public async Task A_reinvite_with_a_non_sdp_body_gets_415_with_accept()
    {
        await using var bed = new SipEdgeTestBed();
        var ok = await AnsweredCallAsync(bed);
        await bed.SendAsync(Reinvite(ok, 3, "<xml/>").Set(SipHeaderKind.ContentType, "application/xml"));
        var refused = await FinalAsync(bed, 3);
        Assert.Equal(415, refused.StatusCode);
        Assert.Equal("application/sdp", refused.Get(SipHeaderKind.Accept));
    }

    [Fact]
    public async Task An_update_with_sdp_takes_the_same_path_and_one_without_a_body_is_a_plain_refresh()
    {
        await using var bed = new SipEdgeTestBed();
        var ok = await AnsweredCallAsync(bed);
        await bed.SendAsync(WithSdp(PhoneMessages.InCallerDialog(ok, SipMethods.Update, 3, "z9hG4bKup3"), HoldOffer));
        var updated = await FinalAsync(bed, 3);
        Assert.Equal(200, updated.StatusCode);
        Assert.Equal("answer:" + HoldOffer, Body(updated));
        Assert.Equal("<sip:10.0.0.1:5060>", updated.Get(SipHeaderKind.Contact));

        await bed.SendAsync(PhoneMessages.InCallerDialog(ok, SipMethods.Update, 4, "z9hG4bKup4"));
        var refreshed = await FinalAsync(bed, 4);
        Assert.Equal(200, refreshed.StatusCode);
        Assert.True(refreshed.Body.IsEmpty);
        Assert.Equal([HoldOffer], bed.Factory.Bridges.Single().Updates);
    }

    [Fact]
    public async Task An_update_with_an_offer_before_the_call_is_answered_gets_500_with_retry_after()
    {
        await using var bed = new SipEdgeTestBed();
        await bed.SendAsync(PhoneMessages.Invite());
        var invite = PhoneMessages.Authorized(await bed.ResponseAsync(407));
        await bed.SendAsync(invite);
        var session = bed.Registry.Find("ph-call-1")!;
        session.Sink.Post(new CallEvent.AppRinging());
        var ringing = await bed.ResponseAsync(180);
        await bed.SendAsync(WithSdp(PhoneMessages.InCallerDialog(ringing, SipMethods.Update, 3, "z9hG4bKup3"), HoldOffer)
            .Set(SipHeaderKind.To, ringing.Get(SipHeaderKind.To)!));
        var early = await FinalAsync(bed, 3);
        Assert.Equal(500, early.StatusCode);
        Assert.NotNull(early.Get("Retry-After"));
        Assert.Equal(1, bed.Registry.Count);
    }

    [Fact]
    public async Task No_ack_for_the_reinvite_200_sends_bye_and_ends_the_call()
    {
        await using var bed = new SipEdgeTestBed();
        var ok = await AnsweredCallAsync(bed);
        await bed.SendAsync(Reinvite(ok, 3));
        Assert.Equal(200, (await FinalAsync(bed, 3)).StatusCode);
        for (var i = 0; i < 64; i++)
        {
            bed.Clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        var bye = await bed.RequestAsync(SipMethods.Bye);
        Assert.Contains("cause=408", bye.Get("Reason"), StringComparison.Ordinal);
        Assert.Equal(TerminationReason.UpstreamFailure, (await bed.EndedAsync()).Reason);
        Assert.Equal(0, bed.Legs.ActiveDialogs);
    }

    [Fact]
    public async Task In_an_app_call_the_answering_phone_may_hold_with_a_reinvite()
    {
        await using var bed = new SipEdgeTestBed();
        bed.Register(bed.Phone, "sip:alice@10.0.0.2:5070");
        var session = bed.Registry.TryStart("app-call-reoffer")!;
        var app = new FakeAppLeg();
        session.Sink.Post(new CallEvent.AppCallStarted(app, new AppCallRequest
        {
            SessionId = "cc-session",
            CallerUserId = 2002,
            CalleeUserId = 1001,
            SdpOffer = "v=0 app offer\r\n",
        }));
        var invite = await bed.RequestAsync(SipMethods.Invite);
        await bed.SendAsync(PhoneMessages.Reply(invite, 200, "OK", sdp: "v=0 phone answer\r\n"));
        await app.Accepted.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await bed.RequestAsync(SipMethods.Ack);

        var reinvite = WithSdp(PhoneMessages.InCalleeDialog(invite, "callee-tag", SipMethods.Invite, 1, "z9hG4bKcre1"), HoldOffer);
        await bed.SendAsync(reinvite);
        var reOk = await bed.NextAsync(m => m.StatusCode == 200 && m.CSeq!.Value.Method == SipMethods.Invite);
        Assert.Equal("answer:" + HoldOffer, Body(reOk));
        Assert.Equal("<sip:sipcube@10.0.0.1:5060>", reOk.Get(SipHeaderKind.Contact));
        await bed.SendAsync(PhoneMessages.InCalleeDialog(invite, "callee-tag", SipMethods.Ack, 1, "z9hG4bKcack1"));

        session.Sink.Post(new CallEvent.AppHungUp());
        var bye = await bed.RequestAsync(SipMethods.Bye);
        Assert.Equal(new CSeqHeader(2, SipMethods.Bye), bye.CSeq);
        await bed.SendAsync(SipResponseFactory.Create(bye, 200, "OK"));
        Assert.Equal(TerminationReason.NormalClearing, (await bed.EndedAsync()).Reason);
    }
}
