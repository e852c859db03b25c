using SipCube.Calls.Ports;
using SipCube.Sip.Message;

namespace SipCube.Calls.Sip.Tests;

public class PhoneToAppTests
{
    /// <summary>INVITE, 407, INVITE with credentials: the call starts and the app leg is dialled.</summary>
    private static async Task<(SipMessage Invite, FakeAppLeg App, CallSession Session)> DialAsync(SipEdgeTestBed bed)
    {
        await bed.SendAsync(PhoneMessages.Invite());
        var challenge = await bed.ResponseAsync(407);
        var invite = PhoneMessages.Authorized(challenge);
        await bed.SendAsync(invite);
        var app = await bed.AppLegAsync();
        Assert.Equal(PhoneMessages.Offer, await app.Called.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        return (invite, app, bed.Registry.Find("ph-call-1")!);
    }

    private static async Task<SipMessage> AnswerAsync(SipEdgeTestBed bed, CallSession session)
    {
        session.Sink.Post(new CallEvent.AppRinging());
        await bed.ResponseAsync(180);
        session.Sink.Post(new CallEvent.AppAccepted("v=0 answer\r\n"));
        var ok = await bed.ResponseAsync(200);

        // The 200 reaches the phone before AnswerAsync returns; wait until its retransmission timers are armed.
        await bed.Events.Answered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        return ok;
    }

    [Fact]
    public async Task Invite_without_credentials_gets_407_with_a_proxy_challenge_and_starts_no_call()
    {
        await using var bed = new SipEdgeTestBed();
        await bed.SendAsync(PhoneMessages.Invite());
        var challenge = await bed.ResponseAsync(407);
        Assert.Contains("realm=\"example.com\"", challenge.GetAllLines(SipHeaderKind.ProxyAuthenticate)[0], StringComparison.Ordinal);
        Assert.Null(challenge.Get(SipHeaderKind.WwwAuthenticate));
        Assert.Equal(0, bed.Registry.Count);
    }

    [Fact]
    public async Task A_wrong_password_is_challenged_again()
    {
        await using var bed = new SipEdgeTestBed();
        await bed.SendAsync(PhoneMessages.Invite());
        var challenge = await bed.ResponseAsync(407);
        await bed.SendAsync(PhoneMessages.Authorized(challenge, password: "wrong"));
        await bed.NextAsync(m => m.StatusCode == 407 && m.CSeq!.Value.Number == 2);
        Assert.Equal(0, bed.Registry.Count);
    }

    [Fact]
    public async Task An_app_alias_without_digest_hashes_may_not_call_403()
    {
        await using var bed = new SipEdgeTestBed();
        await bed.SendAsync(PhoneMessages.Invite(user: "bob"));
        var challenge = await bed.ResponseAsync(407);
        await bed.SendAsync(PhoneMessages.Authorized(challenge, user: "bob", password: "bobsecret"));
        await bed.ResponseAsync(403);
        Assert.Equal(0, bed.Registry.Count);
    }

    [Fact]
    public async Task An_invite_without_sdp_gets_488()
    {
        await using var bed = new SipEdgeTestBed();
        await bed.SendAsync(PhoneMessages.Invite(body: false));
        var challenge = await bed.ResponseAsync(407);
        await bed.SendAsync(PhoneMessages.Authorized(challenge, body: false));
        var refused = await bed.ResponseAsync(488);
        Assert.Contains("SDP", refused.ReasonPhrase, StringComparison.Ordinal);
        Assert.Equal(0, bed.Registry.Count);
    }

    [Fact]
    public async Task A_draining_node_answers_503_with_retry_after()
    {
        await using var bed = new SipEdgeTestBed();
        bed.Registry.StopAccepting();
        await bed.SendAsync(PhoneMessages.Invite());
        var challenge = await bed.ResponseAsync(407);
        await bed.SendAsync(PhoneMessages.Authorized(challenge));
        var refused = await bed.ResponseAsync(503);
        Assert.Equal("30", refused.Get("Retry-After"));
    }

    [Fact]
    public async Task Answered_call_sends_180_and_200_with_sdp_and_contact_then_the_phones_bye_hangs_up_the_app()
    {
        await using var bed = new SipEdgeTestBed();
        var (_, app, session) = await DialAsync(bed);
        session.Sink.Post(new CallEvent.AppRinging());
        var ringing = await bed.ResponseAsync(180);
        session.Sink.Post(new CallEvent.AppAccepted("v=0 answer\r\n"));
        var ok = await bed.ResponseAsync(200);
        Assert.Equal(PhoneMessages.ToTag(ringing), PhoneMessages.ToTag(ok));
        Assert.NotEmpty(PhoneMessages.ToTag(ok));
        Assert.Equal("<sip:10.0.0.1:5060>", ok.Get(SipHeaderKind.Contact));
        Assert.Equal("application/sdp", ok.Get(SipHeaderKind.ContentType));
        Assert.Equal("v=0 answer\r\n", System.Text.Encoding.UTF8.GetString(ok.Body.Span));

        await bed.SendAsync(PhoneMessages.Ack(ok));
        await bed.SendAsync(PhoneMessages.InCallerDialog(ok, SipMethods.Bye, 3));
        var byeOk = await bed.NextAsync(m => m.StatusCode == 200 && m.CSeq!.Value.Method == SipMethods.Bye);
        Assert.Equal("ph-call-1", byeOk.CallId);
        Assert.Equal(AppEnding.HangUp, await app.Ended.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(TerminationReason.NormalClearing, (await bed.EndedAsync()).Reason);
        Assert.Equal(0, bed.Legs.ActiveDialogs);
    }

    [Fact]
    public async Task Ok_is_retransmitted_until_the_ack_arrives()
    {
        await using var bed = new SipEdgeTestBed();
        var (_, _, session) = await DialAsync(bed);
        var ok = await AnswerAsync(bed, session);
        bed.Clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(200, (await bed.ResponseAsync(200)).StatusCode);
        bed.Clock.Advance(TimeSpan.FromMilliseconds(1000));
        Assert.Equal(200, (await bed.ResponseAsync(200)).StatusCode);
        await bed.SendAsync(PhoneMessages.Ack(ok));
        bed.Drain();
        bed.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(bed.Drain(), m => m.StatusCode == 200);
    }

    [Fact]
    public async Task An_ok_never_acknowledged_ends_the_call_with_bye_after_64_t1()
    {
        await using var bed = new SipEdgeTestBed();
        var (_, app, session) = await DialAsync(bed);
        await AnswerAsync(bed, session);
        for (var i = 0; i < 64; i++)
        {
            bed.Clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        var bye = await bed.RequestAsync(SipMethods.Bye);
        Assert.Equal("sip:alice@10.0.0.2:5070", bye.RequestUri);
        Assert.Equal(AppEnding.HangUp, await app.Ended.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(TerminationReason.UpstreamFailure, (await bed.EndedAsync()).Reason);
    }

    [Fact]
    public async Task Cancel_before_the_answer_gets_200_and_487_and_ends_the_call_as_cancelled()
    {
        await using var bed = new SipEdgeTestBed();
        var (invite, app, session) = await DialAsync(bed);
        session.Sink.Post(new CallEvent.AppRinging());
        await bed.ResponseAsync(180);
        await bed.SendAsync(PhoneMessages.Cancel(invite));
        await bed.NextAsync(m => m.StatusCode == 200 && m.CSeq!.Value.Method == SipMethods.Cancel);
        await bed.ResponseAsync(487);
        Assert.Equal(AppEnding.HangUp, await app.Ended.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(TerminationReason.Cancelled, (await bed.EndedAsync()).Reason);
        Assert.DoesNotContain(bed.Drain(), m => m.StatusCode == 200 && m.CSeq!.Value.Method == SipMethods.Invite);
    }

    [Theory]
    [InlineData(true, 486)]
    [InlineData(false, 603)]
    public async Task The_apps_reject_becomes_the_final_response(bool busy, int status)
    {
        await using var bed = new SipEdgeTestBed();
        var (_, _, session) = await DialAsync(bed);
        session.Sink.Post(new CallEvent.AppRejected(busy));
        var final = await bed.ResponseAsync(status);
        Assert.NotEmpty(PhoneMessages.ToTag(final));
        Assert.Equal(busy ? TerminationReason.Busy : TerminationReason.Declined, (await bed.EndedAsync()).Reason);
        Assert.Equal(0, bed.Legs.ActiveDialogs);
    }

    [Fact]
    public async Task The_apps_hang_up_sends_bye_in_the_dialog_and_the_phone_answers_it()
    {
        await using var bed = new SipEdgeTestBed();
        var (_, _, session) = await DialAsync(bed);
        var ok = await AnswerAsync(bed, session);
        await bed.SendAsync(PhoneMessages.Ack(ok));
        session.Sink.Post(new CallEvent.AppHungUp());
        var bye = await bed.RequestAsync(SipMethods.Bye);
        Assert.Equal("sip:alice@10.0.0.2:5070", bye.RequestUri);
        Assert.Equal(ok.CallId, bye.CallId);
        Assert.Equal(ok.Get(SipHeaderKind.To), bye.Get(SipHeaderKind.From));
        Assert.Equal(ok.Get(SipHeaderKind.From), bye.Get(SipHeaderKind.To));
        Assert.Equal(new CSeqHeader(1, SipMethods.Bye), bye.CSeq);
        await bed.SendAsync(SipResponseFactory.Create(bye, 200, "OK"));
        Assert.Equal(TerminationReason.NormalClearing, (await bed.EndedAsync()).Reason);
    }

    [Fact]
    public async Task A_hang_up_before_the_ack_waits_for_the_ack_before_sending_bye()
    {
        await using var bed = new SipEdgeTestBed();
        var (_, _, session) = await DialAsync(bed);
        var ok = await AnswerAsync(bed, session);
        session.Sink.Post(new CallEvent.AppHungUp());
        Assert.Equal(TerminationReason.NormalClearing, (await bed.EndedAsync()).Reason);
        Assert.DoesNotContain(bed.Drain(), m => m.Method == SipMethods.Bye);

        await bed.SendAsync(PhoneMessages.Ack(ok));
        var bye = await bed.RequestAsync(SipMethods.Bye);
        Assert.Equal(ok.CallId, bye.CallId);
        await bed.SendAsync(SipResponseFactory.Create(bye, 200, "OK"));
        Assert.Equal(0, bed.Legs.ActiveDialogs);
    }
}
