using SipCube.Calls.Ports;
using SipCube.Calls.State;
using SipCube.Calls.Tests.Fakes;
using SipCube.Contracts.Cdrs;

namespace SipCube.Calls.Tests;

public class CallSessionAppToPhoneTests
{
    [Fact]
    public async Task Call_signal_forks_an_invite_to_every_registered_contact()
    {
        var h = new CallHarness();

        await h.AppCallsAsync();

        Assert.Equal(2, h.Forks.Count);
        Assert.All(h.Forks, f => Assert.Equal("offer-for-sip(app-offer)", f.Offer));
        Assert.Equal(["sip:carol@10.0.0.5:5060", "sip:carol@10.0.0.6:5060"], h.Forks.Select(f => f.Contact!.Uri));
        Assert.Equal(CallPhase.Dialling, h.Session.Phase);
    }

    [Fact]
    public async Task First_answer_wins_the_others_are_cancelled_and_the_app_gets_accept()
    {
        var h = new CallHarness();
        await h.AppCallsAsync();
        await h.PostAsync(new CallEvent.SipRinging("fork0"));
        await h.PostAsync(new CallEvent.SipRinging("fork1"));

        await h.PostAsync(new CallEvent.SipAnswered("fork1", "phone-answer"));

        Assert.Equal(["INVITE", "CANCEL"], h.Forks[0].Calls);
        Assert.Equal(new SipTermination(SipTerminationKind.Cancel, 200, "Call completed elsewhere"), h.Forks[0].Terminations[0]);
        Assert.Equal(["INVITE"], h.Forks[1].Calls);
        Assert.Equal(["accept"], h.CallingApp.Calls);
        Assert.Equal("answer-for-app(phone-answer)", h.CallingApp.Answer);
        Assert.Equal(CallPhase.Answered, h.Session.Phase);
    }

    [Fact]
    public async Task Second_fork_answering_late_gets_bye_and_the_app_is_accepted_once()
    {
        var h = new CallHarness();
        await h.AppCallsAsync();
        h.Session.Sink.Post(new CallEvent.SipAnswered("fork0", "a0"));
        h.Session.Sink.Post(new CallEvent.SipAnswered("fork1", "a1"));
        h.Session.Sink.Post(new CallEvent.SipAnswered("fork0", "a0"));

        await h.Session.ProcessPendingAsync(CancellationToken.None);

        Assert.Equal(["INVITE", "CANCEL", "BYE"], h.Forks[1].Calls);
        Assert.Equal(["INVITE"], h.Forks[0].Calls);
        Assert.Equal(["accept"], h.CallingApp.Calls);
        Assert.Equal("a0", h.Bridge.CompletedWith);
    }

    [Fact]
    public async Task App_hang_up_after_answer_sends_bye_to_the_winner_only()
    {
        var h = new CallHarness();
        await h.AppCallsAsync();
        await h.PostAsync(new CallEvent.SipAnswered("fork0", "a0"));

        await h.PostAsync(new CallEvent.AppHungUp());

        Assert.Equal(["INVITE", "BYE"], h.Forks[0].Calls);
        Assert.Equal(["INVITE", "CANCEL"], h.Forks[1].Calls);
        Assert.Equal(["accept"], h.CallingApp.Calls);
        var (cdr, termination) = h.Cdr;
        Assert.Equal(TerminationReason.NormalClearing, termination.Reason);
        Assert.Equal(CallDirection.ConnectyCubeToSip, cdr.Direction);
        Assert.Equal(2002, cdr.FromConnectyCubeUserId);
        Assert.Equal(3003, cdr.ToConnectyCubeUserId);
        Assert.Equal("sip:carol@example.test", cdr.ToSipUri);
        Assert.Equal(200, cdr.SipStatus);
    }

    [Fact]
    public async Task Phone_bye_after_answer_hangs_up_the_app()
    {
        var h = new CallHarness();
        await h.AppCallsAsync();
        await h.PostAsync(new CallEvent.SipAnswered("fork0", "a0"));

        await h.PostAsync(new CallEvent.SipHungUp("fork0"));

        Assert.Equal(["INVITE"], h.Forks[0].Calls);
        Assert.Equal(["accept", "HangUp"], h.CallingApp.Calls);
        Assert.Equal("normal_clearing", h.Cdr.Record.TerminationCause);
    }

    [Fact]
    public async Task Bye_from_a_losing_fork_is_ignored()
    {
        var h = new CallHarness();
        await h.AppCallsAsync();
        await h.PostAsync(new CallEvent.SipAnswered("fork0", "a0"));

        await h.PostAsync(new CallEvent.SipHungUp("fork1"));

        Assert.Equal(CallPhase.Answered, h.Session.Phase);
    }

    [Fact]
    public async Task App_hang_up_before_answer_cancels_every_fork()
    {
        var h = new CallHarness();
        await h.AppCallsAsync();
        await h.PostAsync(new CallEvent.SipRinging("fork0"));

        await h.PostAsync(new CallEvent.AppHungUp());

        Assert.All(h.Forks, f => Assert.Equal(["INVITE", "CANCEL"], f.Calls));
        Assert.All(h.Forks, f => Assert.Equal(487, f.Terminations[0].StatusCode));
        Assert.Empty(h.CallingApp.Endings);
        Assert.Equal("cancelled", h.Cdr.Record.TerminationCause);
        Assert.Equal(487, h.Cdr.Record.SipStatus);
    }

    [Fact]
    public async Task Busy_on_one_fork_waits_for_the_others()
    {
        var h = new CallHarness();
        await h.AppCallsAsync();

        await h.PostAsync(new CallEvent.SipRejected("fork0", 486));
        Assert.Empty(h.Events.Ended);
        await h.PostAsync(new CallEvent.SipAnswered("fork1", "a1"));

        Assert.Equal(CallPhase.Answered, h.Session.Phase);
        Assert.Equal(["INVITE"], h.Forks[0].Calls);
    }

    [Theory]
    [InlineData(486, 480, AppEnding.RejectBusy, "busy")]
    [InlineData(404, 603, AppEnding.Reject, "rejected")]
    [InlineData(480, 408, AppEnding.Reject, "unavailable")]
    [InlineData(500, 503, AppEnding.HangUp, "upstream_error")]
    public async Task All_forks_failing_rejects_the_app_call_with_the_best_response(int first, int second, AppEnding ending, string cause)
    {
        var h = new CallHarness();
        await h.AppCallsAsync();

        await h.PostAsync(new CallEvent.SipRejected("fork0", first));
        await h.PostAsync(new CallEvent.SipRejected("fork1", second));

        Assert.Equal([ending], h.CallingApp.Endings);
        Assert.Equal(cause, h.Cdr.Record.TerminationCause);
        Assert.All(h.Forks, f => Assert.Empty(f.Terminations));
    }

    [Fact]
    public async Task A_6xx_from_one_fork_cancels_the_others_at_once()
    {
        var h = new CallHarness();
        await h.AppCallsAsync();

        await h.PostAsync(new CallEvent.SipRejected("fork0", 603));

        Assert.Equal(["INVITE", "CANCEL"], h.Forks[1].Calls);
        Assert.Equal([AppEnding.Reject], h.CallingApp.Endings);
        Assert.Equal(603, h.Cdr.Record.SipStatus);
    }

    [Fact]
    public async Task Phone_without_registered_contacts_rejects_the_app_call_as_unavailable()
    {
        var h = new CallHarness();
        h.Mappings.Contacts.Clear();

        await h.AppCallsAsync();

        Assert.Empty(h.Forks);
        Assert.Equal([AppEnding.Reject], h.CallingApp.Endings);
        Assert.Equal("unavailable", h.Cdr.Record.TerminationCause);
        Assert.Equal("sip:carol@example.test", h.Cdr.Record.ToSipUri);
    }

    [Fact]
    public async Task Call_to_an_identity_that_is_no_phone_is_rejected_not_found()
    {
        var h = new CallHarness();

        await h.AppCallsAsync(callee: 2002);

        Assert.Equal([AppEnding.Reject], h.CallingApp.Endings);
        Assert.Equal(TerminationReason.NotFound, h.Cdr.Termination.Reason);
    }

    [Fact]
    public async Task Unanswered_forks_are_cancelled_after_the_no_answer_timeout_and_the_app_gets_hang_up()
    {
        var h = new CallHarness();
        await h.AppCallsAsync();
        await h.PostAsync(new CallEvent.SipRinging("fork0"));

        await h.AdvanceAsync(h.Options.NoAnswerTimeout);

        Assert.All(h.Forks, f => Assert.Equal(SipTerminationKind.Cancel, Assert.Single(f.Terminations).Kind));
        Assert.Equal([AppEnding.HangUp], h.CallingApp.Endings);
        Assert.Equal("no_answer", h.Cdr.Record.TerminationCause);
    }

    [Fact]
    public async Task Forks_that_never_ring_end_as_unavailable_after_the_ring_timeout()
    {
        var h = new CallHarness();
        await h.AppCallsAsync();

        await h.AdvanceAsync(h.Options.RingTimeout);

        Assert.Equal([AppEnding.Reject], h.CallingApp.Endings);
        Assert.Equal("unavailable", h.Cdr.Record.TerminationCause);
    }

    [Fact]
    public async Task Stale_timer_after_answer_does_not_end_the_call()
    {
        var h = new CallHarness();
        h.Options.MediaTimeout = TimeSpan.FromHours(1);
        await h.AppCallsAsync();
        await h.PostAsync(new CallEvent.SipAnswered("fork0", "a0"));

        await h.AdvanceAsync(h.Options.NoAnswerTimeout + h.Options.RingTimeout);

        Assert.Equal(CallPhase.Answered, h.Session.Phase);
    }

    [Fact]
    public async Task Events_from_unknown_legs_are_ignored()
    {
        var h = new CallHarness();
        await h.AppCallsAsync();

        await h.PostAsync(new CallEvent.SipAnswered("stranger", "x"));
        await h.PostAsync(new CallEvent.SipRejected("stranger", 486));

        Assert.Equal(CallPhase.Dialling, h.Session.Phase);
    }
}
