using SipCube.Sip.Dialogs;
using SipCube.Sip.Message;
using SipCube.Sip.Transport;

namespace SipCube.Sip.Tests.Dialogs;

public class OutgoingInviteTests
{
    private static readonly SipFlow Flow = new("UDP", SipTestBed.ServerAddress, SipTestBed.PhoneAddress);

    private static SipMessage NewInvite() => SipMessage.CreateRequest(SipMethods.Invite, "sip:alice@10.0.0.2:5070")
        .Add(SipHeaderKind.MaxForwards, "70")
        .Add(SipHeaderKind.From, "\"SipCube\" <sip:sipcube@example.com>;tag=us1")
        .Add(SipHeaderKind.To, "<sip:alice@example.com>")
        .Add(SipHeaderKind.CallId, "out-1")
        .Add(SipHeaderKind.CSeq, "1 INVITE")
        .Add(SipHeaderKind.Contact, "<sip:sipcube@10.0.0.1:5060>");

    private static SipMessage Reply(SipMessage request, int status, string phrase, string? toTag = "ph1") =>
        SipResponseFactory.Create(request, status, phrase, toTag).Add(SipHeaderKind.Contact, "<sip:alice@10.0.0.2:5070>");

    [Fact]
    public async Task Provisional_responses_are_raised_and_the_final_completes()
    {
        await using var bed = new SipTestBed();
        var invite = bed.Endpoint.CreateInvite(NewInvite(), Flow);
        var provisional = new List<int>();
        invite.Provisional += r => provisional.Add(r.StatusCode);
        await invite.SendAsync();
        var sent = bed.Single();
        Assert.Equal(SipMethods.Invite, sent.Method);
        await bed.SendAsync(Reply(sent, 100, "Trying", null));
        await bed.SendAsync(Reply(sent, 180, "Ringing"));
        await bed.SendAsync(Reply(sent, 486, "Busy Here"));
        Assert.Equal([100, 180], provisional);
        Assert.Equal(486, (await invite.FinalResponse.WaitAsync(TimeSpan.FromSeconds(10)))!.StatusCode);
        Assert.Equal(SipMethods.Ack, bed.Single().Method); // the transaction ACKs a non-2xx itself
    }

    [Fact]
    public async Task Cancel_waits_for_a_provisional_and_copies_uri_call_id_from_to_cseq_number_and_branch()
    {
        await using var bed = new SipTestBed();
        var invite = bed.Endpoint.CreateInvite(NewInvite(), Flow);
        await invite.SendAsync();
        var sent = bed.Single();
        var cancelled = invite.CancelAsync("SIP;cause=200;text=\"Call completed elsewhere\"");
        Assert.Empty(bed.Received()); // RFC 3261 §9.1: no CANCEL before a provisional response

        await bed.SendAsync(Reply(sent, 180, "Ringing"));
        var cancel = bed.Single();
        Assert.Equal(SipMethods.Cancel, cancel.Method);
        Assert.Equal(sent.RequestUri, cancel.RequestUri);
        Assert.Equal(sent.CallId, cancel.CallId);
        Assert.Equal(sent.Get(SipHeaderKind.From), cancel.Get(SipHeaderKind.From));
        Assert.Equal(sent.Get(SipHeaderKind.To), cancel.Get(SipHeaderKind.To));
        Assert.Equal(new CSeqHeader(1, SipMethods.Cancel), cancel.CSeq);
        Assert.Equal(sent.TopVia!.Branch, cancel.TopVia!.Branch);
        Assert.Equal(1, cancel.Count(SipHeaderKind.Via));
        Assert.Equal("SIP;cause=200;text=\"Call completed elsewhere\"", cancel.Get("Reason"));

        await bed.SendAsync(SipResponseFactory.Create(cancel, 200, "OK"));
        Assert.Equal(200, (await cancelled.WaitAsync(TimeSpan.FromSeconds(10)))!.StatusCode);
        await bed.SendAsync(Reply(sent, 487, "Request Terminated"));
        Assert.Equal(487, (await invite.FinalResponse.WaitAsync(TimeSpan.FromSeconds(10)))!.StatusCode);
    }

    [Fact]
    public async Task Cancel_after_the_final_response_sends_nothing()
    {
        await using var bed = new SipTestBed();
        var invite = bed.Endpoint.CreateInvite(NewInvite(), Flow);
        await invite.SendAsync();
        var sent = bed.Single();
        await bed.SendAsync(Reply(sent, 603, "Decline"));
        await invite.FinalResponse.WaitAsync(TimeSpan.FromSeconds(10));
        bed.Received();
        Assert.Null(await invite.CancelAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(bed.Received());
    }

    [Fact]
    public async Task Ack_for_2xx_is_a_new_transaction_to_the_contact_and_is_repeated_for_each_retransmitted_2xx()
    {
        await using var bed = new SipTestBed();
        var invite = bed.Endpoint.CreateInvite(NewInvite(), Flow);
        var extra = new List<SipMessage>();
        invite.AdditionalSuccess += extra.Add;
        await invite.SendAsync();
        var sent = bed.Single();
        var ok = Reply(sent, 200, "OK");
        await bed.SendAsync(ok);
        var final = await invite.FinalResponse.WaitAsync(TimeSpan.FromSeconds(10));
        var dialog = await invite.AcknowledgeAsync(final!);
        var ack = bed.Single();
        Assert.Equal(SipMethods.Ack, ack.Method);
        Assert.Equal("sip:alice@10.0.0.2:5070", ack.RequestUri);
        Assert.Equal(new CSeqHeader(1, SipMethods.Ack), ack.CSeq);
        Assert.NotEqual(sent.TopVia!.Branch, ack.TopVia!.Branch);
        Assert.Equal("ph1", dialog!.RemoteTag);

        await bed.SendAsync(ok);
        var again = bed.Single();
        Assert.True(again.ContentEquals(ack));

        await bed.SendAsync(Reply(sent, 200, "OK", "other-fork"));
        Assert.Empty(bed.Received());
        Assert.Equal("other-fork", NameAddress.TryParse(Assert.Single(extra).Get(SipHeaderKind.To), out var to) ? to.Tag : null);
    }

    [Fact]
    public async Task No_answer_at_all_ends_with_null_after_timer_b()
    {
        await using var bed = new SipTestBed();
        var invite = bed.Endpoint.CreateInvite(NewInvite(), Flow);
        await invite.SendAsync();
        bed.Clock.Advance(TimeSpan.FromSeconds(33));
        Assert.Null(await invite.FinalResponse.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(bed.Received().Count > 1); // the INVITE went out again at T1, 2T1...
    }
}
