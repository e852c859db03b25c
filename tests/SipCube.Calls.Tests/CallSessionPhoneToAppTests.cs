using SipCube.Calls.Ports;
using SipCube.Calls.Routing;
using SipCube.Calls.State;
using SipCube.Calls.Tests.Fakes;
using SipCube.Contracts.Cdrs;

namespace SipCube.Calls.Tests;

public class CallSessionPhoneToAppTests
{
    [Fact]
    public async Task Invite_to_an_app_alias_calls_the_app_as_the_callers_identity_with_the_bridged_offer()
    {
        var h = new CallHarness();

        await h.PhoneCallsAsync("bob");

        Assert.Equal(CallPhase.Dialling, h.Session.Phase);
        Assert.Equal(2002, h.AppLeg.Target!.CalleeUserId);
        Assert.Same(CallHarness.Alice, h.AppLeg.Target.Caller);
        Assert.Equal("offer-for-app(phone-offer)", h.AppLeg.Offer);
        Assert.Empty(h.PhoneLeg.Calls);
    }

    [Fact]
    public async Task App_ringing_sends_180_then_accept_sends_200_with_the_bridged_answer()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");

        await h.PostAsync(new CallEvent.AppRinging());
        await h.PostAsync(new CallEvent.AppAccepted("app-answer"));

        Assert.Equal(["180", "200"], h.PhoneLeg.Calls);
        Assert.Equal("answer-for-sip(app-answer)", h.PhoneLeg.Answer);
        Assert.Equal(CallPhase.Answered, h.Session.Phase);
        Assert.Equal(["call-1"], h.Events.Answered);
    }

    [Fact]
    public async Task Phone_bye_after_answer_hangs_up_the_app_and_emits_a_normal_clearing_cdr()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");
        await h.PostAsync(new CallEvent.AppAccepted("a"));
        await h.AdvanceAsync(TimeSpan.FromSeconds(3));
        h.Bridge.Stats = h.Bridge.Stats with { Sip = h.Bridge.Stats.Sip with { LastReceivedUtc = h.Clock.GetUtcNow() } };

        await h.PostAsync(new CallEvent.SipHungUp("inbound"));

        Assert.Equal([AppEnding.HangUp], h.AppLeg.Endings);
        Assert.DoesNotContain("BYE", h.PhoneLeg.Calls);
        Assert.True(h.Bridge.Disposed);
        var (cdr, termination) = h.Cdr;
        Assert.Equal(new Termination(TerminationResult.Success, TerminationReason.NormalClearing), termination);
        Assert.Equal("normal_clearing", cdr.TerminationCause);
        Assert.Equal(CallDirection.SipToConnectyCube, cdr.Direction);
        Assert.Equal("sip:alice@example.test", cdr.FromSipUri);
        Assert.Equal("sip:bob@example.test", cdr.ToSipUri);
        Assert.Equal(1001, cdr.FromConnectyCubeUserId);
        Assert.Equal(2002, cdr.ToConnectyCubeUserId);
        Assert.Equal(200, cdr.SipStatus);
        Assert.Equal(3000, cdr.DurationMs);
        Assert.Equal(10, cdr.SipLeg!.PacketsReceived);
        Assert.Equal(1, cdr.SipLeg.PacketsLost);
        Assert.Equal("PCMU", cdr.WebRtcLeg!.AudioCodec);
        Assert.Equal(TerminationReason.NormalClearing, (await h.Session.Completion).Reason);
    }

    [Fact]
    public async Task App_hang_up_after_answer_sends_bye_to_the_phone()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");
        await h.PostAsync(new CallEvent.AppAccepted("a"));

        await h.PostAsync(new CallEvent.AppHungUp());

        Assert.Equal(SipTerminationKind.Bye, Assert.Single(h.PhoneLeg.Terminations).Kind);
        Assert.Empty(h.AppLeg.Endings);
        Assert.Equal(TerminationReason.NormalClearing, h.Cdr.Termination.Reason);
    }

    [Theory]
    [InlineData(true, 486, TerminationReason.Busy, "busy")]
    [InlineData(false, 603, TerminationReason.Declined, "rejected")]
    public async Task App_reject_answers_the_invite_with_the_matching_status(bool busy, int status, TerminationReason reason, string cause)
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");
        await h.PostAsync(new CallEvent.AppRinging());

        await h.PostAsync(new CallEvent.AppRejected(busy));

        var ending = Assert.Single(h.PhoneLeg.Terminations);
        Assert.Equal(new SipTermination(SipTerminationKind.Reject, status, TerminationTable.Get(reason).SipPhrase), ending);
        Assert.Empty(h.AppLeg.Endings);
        Assert.Equal(cause, h.Cdr.Record.TerminationCause);
        Assert.Equal(status, h.Cdr.Record.SipStatus);
        Assert.Null(h.Cdr.Record.AnswerUtc);
        Assert.Equal(0, h.Cdr.Record.DurationMs);
    }

    [Fact]
    public async Task Phone_cancel_before_answer_hangs_up_the_app_and_answers_the_invite_487()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");
        await h.PostAsync(new CallEvent.AppRinging());

        await h.PostAsync(new CallEvent.SipCancelled("inbound"));

        Assert.Equal([AppEnding.HangUp], h.AppLeg.Endings);
        Assert.Equal(487, Assert.Single(h.PhoneLeg.Terminations).StatusCode);
        Assert.Equal("cancelled", h.Cdr.Record.TerminationCause);
        Assert.Equal(487, h.Cdr.Record.SipStatus);
    }

    [Fact]
    public async Task Cancel_that_loses_the_race_to_accept_is_ignored_and_the_call_stays_up()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");
        h.Session.Sink.Post(new CallEvent.AppAccepted("a"));
        h.Session.Sink.Post(new CallEvent.SipCancelled("inbound"));

        await h.Session.ProcessPendingAsync(CancellationToken.None);

        Assert.Equal(CallPhase.Answered, h.Session.Phase);
        Assert.Empty(h.PhoneLeg.Terminations);
        Assert.Empty(h.Events.Ended);
    }

    [Fact]
    public async Task Accept_that_loses_the_race_to_cancel_is_ignored()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");
        h.Session.Sink.Post(new CallEvent.SipCancelled("inbound"));
        h.Session.Sink.Post(new CallEvent.AppAccepted("a"));

        await h.Session.ProcessPendingAsync(CancellationToken.None);

        Assert.DoesNotContain("200", h.PhoneLeg.Calls);
        Assert.Equal("cancelled", h.Cdr.Record.TerminationCause);
        Assert.False(h.Session.Sink.Post(new CallEvent.AppHungUp()));
    }

    [Fact]
    public async Task Duplicate_ringing_and_accept_are_sent_to_the_phone_once()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");

        await h.PostAsync(new CallEvent.AppRinging());
        await h.PostAsync(new CallEvent.AppRinging());
        await h.PostAsync(new CallEvent.AppAccepted("a"));
        await h.PostAsync(new CallEvent.AppAccepted("b"));

        Assert.Equal(["180", "200"], h.PhoneLeg.Calls);
        Assert.Equal("a", h.Bridge.CompletedWith);
    }

    [Fact]
    public async Task Duplicate_start_event_is_ignored()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");
        await h.PhoneCallsAsync("bob");

        Assert.Equal(["call"], h.AppLeg.Calls);
    }

    [Fact]
    public async Task App_not_alerted_within_the_ring_timeout_is_unavailable_480()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");

        await h.AdvanceAsync(h.Options.RingTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Empty(h.Events.Ended);
        await h.AdvanceAsync(TimeSpan.FromMilliseconds(1));

        Assert.Equal(480, Assert.Single(h.PhoneLeg.Terminations).StatusCode);
        Assert.Equal([AppEnding.HangUp], h.AppLeg.Endings);
        Assert.Equal("unavailable", h.Cdr.Record.TerminationCause);
    }

    [Fact]
    public async Task Ringing_app_that_never_answers_ends_as_no_answer_480_and_hang_up()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");
        await h.PostAsync(new CallEvent.AppRinging());

        await h.AdvanceAsync(h.Options.RingTimeout);
        Assert.Empty(h.Events.Ended);
        await h.AdvanceAsync(h.Options.NoAnswerTimeout - h.Options.RingTimeout);

        Assert.Equal(480, Assert.Single(h.PhoneLeg.Terminations).StatusCode);
        Assert.Equal([AppEnding.HangUp], h.AppLeg.Endings);
        Assert.Equal(new Termination(TerminationResult.Success, TerminationReason.NoAnswer), h.Cdr.Termination);
    }

    [Theory]
    [InlineData(false, 480, "unavailable")]
    [InlineData(true, 404, "not_found")]
    public async Task App_offline_or_unknown_maps_to_480_or_404(bool unknown, int status, string cause)
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");

        await h.PostAsync(new CallEvent.AppUnavailable(unknown));

        Assert.Equal(status, Assert.Single(h.PhoneLeg.Terminations).StatusCode);
        Assert.Empty(h.AppLeg.Endings);
        Assert.Equal(cause, h.Cdr.Record.TerminationCause);
    }

    [Fact]
    public async Task Silent_media_after_answer_ends_the_call_with_bye_and_hang_up()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");
        await h.PostAsync(new CallEvent.AppAccepted("a"));
        var answeredAt = h.Clock.GetUtcNow();
        h.Bridge.Stats = new MediaBridgeStats(
            new LegMediaStats { LastReceivedUtc = answeredAt },
            new LegMediaStats { LastReceivedUtc = answeredAt });

        await h.AdvanceAsync(h.Options.MediaTimeout - h.Options.MediaCheckInterval);
        Assert.Empty(h.Events.Ended);
        await h.AdvanceAsync(h.Options.MediaCheckInterval);

        Assert.Equal(SipTerminationKind.Bye, Assert.Single(h.PhoneLeg.Terminations).Kind);
        Assert.Equal([AppEnding.HangUp], h.AppLeg.Endings);
        Assert.Equal(new Termination(TerminationResult.Indeterminate, TerminationReason.MediaTimeout), h.Cdr.Termination);
    }

    [Fact]
    public async Task Flowing_media_keeps_the_call_up_past_the_media_timeout()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");
        await h.PostAsync(new CallEvent.AppAccepted("a"));

        for (var i = 0; i < 20; i++)
        {
            var now = h.Clock.GetUtcNow();
            h.Bridge.Stats = new MediaBridgeStats(new LegMediaStats { LastReceivedUtc = now }, new LegMediaStats { LastReceivedUtc = now });
            await h.AdvanceAsync(h.Options.MediaCheckInterval);
        }

        Assert.Equal(CallPhase.Answered, h.Session.Phase);
    }

    [Fact]
    public async Task Media_timeout_event_from_the_bridge_ends_an_answered_call()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");
        await h.PostAsync(new CallEvent.AppAccepted("a"));

        await h.PostAsync(new CallEvent.MediaTimedOut(MediaSide.App));

        Assert.Equal("media_timeout", h.Cdr.Record.TerminationCause);
    }

    [Theory]
    [InlineData("carol", "example.test", TerminationReason.Forbidden, 403)]
    [InlineData("nobody", "example.test", TerminationReason.NotFound, 404)]
    [InlineData("bob", "evil.example", TerminationReason.Forbidden, 403)]
    [InlineData("4711", "example.test", TerminationReason.NotFound, 404)]
    public async Task Refused_routes_answer_the_invite_and_still_emit_a_cdr(string user, string domain, TerminationReason reason, int status)
    {
        var h = new CallHarness();

        await h.PhoneCallsAsync(user, domain);

        Assert.Equal(status, Assert.Single(h.PhoneLeg.Terminations).StatusCode);
        Assert.Empty(h.AppLeg.Calls);
        Assert.Equal(reason, h.Cdr.Termination.Reason);
        Assert.Equal(TerminationResult.ClientError, h.Cdr.Termination.Result);
        Assert.Null(h.Cdr.Record.SipLeg);
        Assert.Equal(status, h.Cdr.Record.SipStatus);
    }

    [Fact]
    public async Task All_digit_user_is_dialled_as_a_connectycube_id_when_allowed()
    {
        var routing = new CallRoutingOptions { AllowNumericConnectyCubeIds = true };
        var h = new CallHarness(routing);

        await h.PhoneCallsAsync("4711");

        Assert.Equal(4711, h.AppLeg.Target!.CalleeUserId);
    }

    [Fact]
    public async Task No_shared_codec_answers_488()
    {
        var h = new CallHarness();
        h.Bridge.Incompatible = true;

        await h.PhoneCallsAsync("bob");

        Assert.Equal(488, Assert.Single(h.PhoneLeg.Terminations).StatusCode);
        Assert.Equal(TerminationResult.ClientError, h.Cdr.Termination.Result);
    }

    [Fact]
    public async Task Failing_app_signalling_answers_503_as_an_upstream_error()
    {
        var h = new CallHarness();
        h.AppLeg.ThrowOnCall = true;

        await h.PhoneCallsAsync("bob");

        Assert.Equal(503, Assert.Single(h.PhoneLeg.Terminations).StatusCode);
        Assert.Equal(new Termination(TerminationResult.UpstreamError, TerminationReason.UpstreamFailure), h.Cdr.Termination);
    }

    [Fact]
    public async Task Leg_failure_on_the_app_side_ends_the_call_without_signalling_that_side()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");
        await h.PostAsync(new CallEvent.AppAccepted("a"));

        await h.PostAsync(new CallEvent.LegFailed(MediaSide.App, "xmpp closed"));

        Assert.Empty(h.AppLeg.Endings);
        Assert.Equal(SipTerminationKind.Bye, Assert.Single(h.PhoneLeg.Terminations).Kind);
        Assert.Equal(TerminationResult.UpstreamError, h.Cdr.Termination.Result);
    }

    [Fact]
    public async Task Shutdown_ends_a_ringing_call_with_503_and_hang_up()
    {
        var h = new CallHarness();
        await h.PhoneCallsAsync("bob");

        await h.PostAsync(new CallEvent.Shutdown());

        Assert.Equal(503, Assert.Single(h.PhoneLeg.Terminations).StatusCode);
        Assert.Equal([AppEnding.HangUp], h.AppLeg.Endings);
        Assert.Equal("node_shutdown", h.Cdr.Record.TerminationCause);
    }

    [Fact]
    public async Task RunAsync_handles_posted_events_and_returns_once_the_call_ended()
    {
        var h = new CallHarness();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = h.Session.RunAsync(cts.Token);

        h.Session.Sink.Post(new CallEvent.PhoneCallStarted(h.PhoneLeg, new PhoneCallRequest
        {
            SipCallId = "x",
            Caller = CallHarness.Alice,
            TargetUser = "bob",
            TargetDomain = "example.test",
            SdpOffer = "o",
        }));
        h.Session.Sink.Post(new CallEvent.AppAccepted("a"));
        h.Session.Sink.Post(new CallEvent.SipHungUp("inbound"));

        await run.WaitAsync(cts.Token);
        Assert.Equal(TerminationReason.NormalClearing, (await h.Session.Completion).Reason);
    }
}
