using SipCube.Calls.Ports;
using SipCube.Sip.Message;

namespace SipCube.Calls.Sip.Tests;

public class AppToPhoneTests
{
    private const string AppOffer = "v=0 app offer\r\n";

    private static (CallSession Session, FakeAppLeg App) Call(SipEdgeTestBed bed)
    {
        var session = bed.Registry.TryStart("app-call-" + Guid.NewGuid().ToString("N"))!;
        var app = new FakeAppLeg();
        session.Sink.Post(new CallEvent.AppCallStarted(app, new AppCallRequest
        {
            SessionId = "cc-session",
            CallerUserId = 2002,
            CalleeUserId = 1001,
            SdpOffer = AppOffer,
        }));
        return (session, app);
    }

    [Fact]
    public async Task Invite_goes_to_the_registered_contact_on_its_flow_and_the_2xx_is_acked_and_accepted_on_the_app()
    {
        await using var bed = new SipEdgeTestBed();
        bed.Register(bed.Phone, "sip:alice@192.168.1.50:5060");
        var (_, app) = Call(bed);
        var invite = await bed.RequestAsync(SipMethods.Invite);
        Assert.Equal("sip:alice@192.168.1.50:5060", invite.RequestUri);
        Assert.Equal("<sip:alice@example.com>", invite.Get(SipHeaderKind.To));
        Assert.StartsWith("\"SipCube\" <sip:sipcube@sipcube.test>;tag=", invite.Get(SipHeaderKind.From), StringComparison.Ordinal);
        Assert.Equal("<sip:sipcube@10.0.0.1:5060>", invite.Get(SipHeaderKind.Contact));
        Assert.Equal("application/sdp", invite.Get(SipHeaderKind.ContentType));
        Assert.Equal(AppOffer, System.Text.Encoding.UTF8.GetString(invite.Body.Span));

        await bed.SendAsync(PhoneMessages.Reply(invite, 180, "Ringing"));
        await bed.SendAsync(PhoneMessages.Reply(invite, 200, "OK", sdp: "v=0 phone answer\r\n"));
        var ack = await bed.RequestAsync(SipMethods.Ack);
        Assert.Equal("sip:alice@10.0.0.2:5070", ack.RequestUri);
        Assert.Equal(new CSeqHeader(1, SipMethods.Ack), ack.CSeq);
        Assert.Equal("v=0 phone answer\r\n", await app.Accepted.Task.WaitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task The_phones_bye_hangs_up_the_app_and_the_apps_hang_up_sends_bye()
    {
        await using var bed = new SipEdgeTestBed();
        bed.Register(bed.Phone, "sip:alice@10.0.0.2:5070");
        var (session, app) = Call(bed);
        var invite = await bed.RequestAsync(SipMethods.Invite);
        await bed.SendAsync(PhoneMessages.Reply(invite, 200, "OK", sdp: "v=0\r\n"));
        await app.Accepted.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await bed.SendAsync(PhoneMessages.InCalleeDialog(invite, "callee-tag", SipMethods.Bye, 1));
        await bed.NextAsync(m => m.StatusCode == 200 && m.CSeq!.Value.Method == SipMethods.Bye);
        Assert.Equal(AppEnding.HangUp, await app.Ended.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(TerminationReason.NormalClearing, (await bed.EndedAsync()).Reason);

        var (second, secondApp) = Call(bed);
        var secondInvite = await bed.NextAsync(m => m.Method == SipMethods.Invite && m.CallId != invite.CallId);
        await bed.SendAsync(PhoneMessages.Reply(secondInvite, 200, "OK", sdp: "v=0\r\n"));
        await secondApp.Accepted.Task.WaitAsync(TimeSpan.FromSeconds(15));
        second.Sink.Post(new CallEvent.AppHungUp());
        var bye = await bed.RequestAsync(SipMethods.Bye);
        Assert.Equal(secondInvite.CallId, bye.CallId);
        Assert.Equal("sip:alice@10.0.0.2:5070", bye.RequestUri);
        Assert.Equal(new CSeqHeader(2, SipMethods.Bye), bye.CSeq);
        Assert.Null(bye.Get("Reason"));
        await bed.SendAsync(SipResponseFactory.Create(bye, 200, "OK"));
        Assert.Equal(TerminationReason.NormalClearing, (await bed.EndedAsync()).Reason);
        Assert.NotNull(session);
    }

    [Fact]
    public async Task Two_contacts_are_forked_and_the_loser_gets_cancel_with_a_reason()
    {
        await using var bed = new SipEdgeTestBed();
        bed.Register(bed.Phone, "sip:alice@10.0.0.2:5070");
        bed.Register(bed.SecondPhone, "sip:alice@10.0.0.3:5070");
        var (_, app) = Call(bed);
        var first = await bed.RequestAsync(SipMethods.Invite);
        var second = await bed.RequestAsync(SipMethods.Invite, bed.SecondPhone);
        await bed.SendAsync(PhoneMessages.Reply(first, 180, "Ringing", "t1"));
        await bed.SendAsync(PhoneMessages.Reply(second, 180, "Ringing", "t2", contact: "<sip:alice@10.0.0.3:5070>"), bed.SecondPhone);
        await bed.SendAsync(PhoneMessages.Reply(first, 200, "OK", "t1", sdp: "v=0 first\r\n"));
        await bed.RequestAsync(SipMethods.Ack);
        Assert.Equal("v=0 first\r\n", await app.Accepted.Task.WaitAsync(TimeSpan.FromSeconds(15)));

        var cancel = await bed.RequestAsync(SipMethods.Cancel, bed.SecondPhone);
        Assert.Equal(second.TopVia!.Branch, cancel.TopVia!.Branch);
        Assert.Equal("SIP;cause=200;text=\"Call completed elsewhere\"", cancel.Get("Reason"));
        await bed.SendAsync(SipResponseFactory.Create(cancel, 200, "OK"), bed.SecondPhone);
        await bed.SendAsync(PhoneMessages.Reply(second, 487, "Request Terminated", "t2"), bed.SecondPhone);
        var ack487 = await bed.RequestAsync(SipMethods.Ack, bed.SecondPhone);
        Assert.Equal(second.TopVia!.Branch, ack487.TopVia!.Branch);
    }

    [Fact]
    public async Task Busy_here_from_the_only_phone_rejects_the_app_as_busy()
    {
        await using var bed = new SipEdgeTestBed();
        bed.Register(bed.Phone, "sip:alice@10.0.0.2:5070");
        var (_, app) = Call(bed);
        var invite = await bed.RequestAsync(SipMethods.Invite);
        await bed.SendAsync(PhoneMessages.Reply(invite, 486, "Busy Here"));
        await bed.RequestAsync(SipMethods.Ack);
        Assert.Equal(AppEnding.RejectBusy, await app.Ended.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(TerminationReason.Busy, (await bed.EndedAsync()).Reason);
    }

    [Fact]
    public async Task A_2xx_crossing_our_cancel_is_acked_and_ended_with_bye()
    {
        await using var bed = new SipEdgeTestBed();
        bed.Register(bed.Phone, "sip:alice@10.0.0.2:5070");
        var (session, app) = Call(bed);
        var invite = await bed.RequestAsync(SipMethods.Invite);
        session.Sink.Post(new CallEvent.AppHungUp()); // the app gives up before any provisional: CANCEL must wait
        Assert.Equal(TerminationReason.Cancelled, (await bed.EndedAsync()).Reason);
        await bed.SendAsync(PhoneMessages.Reply(invite, 200, "OK", sdp: "v=0\r\n"));
        await bed.RequestAsync(SipMethods.Ack);
        var bye = await bed.RequestAsync(SipMethods.Bye);
        Assert.Equal(invite.CallId, bye.CallId);
        Assert.DoesNotContain(bed.Drain(), m => m.Method == SipMethods.Cancel);
        Assert.False(app.Accepted.Task.IsCompleted);
    }

    [Fact]
    public async Task A_phone_that_never_answers_is_rejected_with_408_after_timer_b()
    {
        await using var bed = new SipEdgeTestBed();
        bed.Register(bed.Phone, "sip:alice@10.0.0.2:5070");
        var (_, app) = Call(bed);
        await bed.RequestAsync(SipMethods.Invite);
        bed.Clock.Advance(TimeSpan.FromSeconds(33));
        Assert.Equal(AppEnding.Reject, await app.Ended.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(TerminationReason.Unavailable, (await bed.EndedAsync()).Reason);
    }

    [Fact]
    public void The_contact_locator_lists_unexpired_bindings_as_registered()
    {
        using var location = new SipCube.Sip.Registrar.InMemoryLocationService(TimeProvider.System);
        var locator = new SipContactLocator(location);
        Assert.Empty(locator.GetContacts("sip:alice@example.com"));
        location.Upsert(new SipCube.Sip.Registrar.ContactBinding("sip:alice@example.com", "sip:alice@192.168.1.50:5060", "sip:alice@10.0.0.2:5070",
            new SipCube.Sip.Transport.SipFlow("UDP", SipEdgeTestBed.ServerAddress, SipEdgeTestBed.PhoneAddress), "c", 1, DateTimeOffset.UtcNow.AddHours(1), null));
        Assert.Equal([new SipContact("sip:alice@192.168.1.50:5060")], locator.GetContacts("sip:alice@example.com"));
    }
}
