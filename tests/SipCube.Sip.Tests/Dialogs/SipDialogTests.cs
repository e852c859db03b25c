using SipCube.Sip.Dialogs;
using SipCube.Sip.Message;
using SipCube.Sip.Transport;

namespace SipCube.Sip.Tests.Dialogs;

public class SipDialogTests
{
    private static readonly SipFlow Flow = new("UDP", SipTestBed.ServerAddress, SipTestBed.PhoneAddress);

    private const string Invite = """
        INVITE sip:bob@example.com SIP/2.0
        Via: SIP/2.0/UDP 10.0.0.2:5070;branch=z9hG4bKdlg1
        Max-Forwards: 70
        From: "Alice" <sip:alice@example.com>;tag=a1
        To: <sip:bob@example.com>
        Call-ID: dlg-1
        CSeq: 7 INVITE
        Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>
        Contact: <sip:alice@10.0.0.2:5070>
        Content-Length: 0


        """;

    [Fact]
    public void Uas_dialog_builds_bye_to_the_contact_with_the_route_set_in_order_and_growing_cseq()
    {
        var dialog = SipDialog.FromUasRequest(TestMessages.Parse(Invite), "b2", Flow)!;
        var bye = dialog.CreateRequest(SipMethods.Bye);
        Assert.Equal("sip:alice@10.0.0.2:5070", bye.RequestUri);
        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"], bye.GetAll(SipHeaderKind.Route));
        Assert.Equal("<sip:bob@example.com>;tag=b2", bye.Get(SipHeaderKind.From));
        Assert.Equal("\"Alice\" <sip:alice@example.com>;tag=a1", bye.Get(SipHeaderKind.To));
        Assert.Equal("dlg-1", bye.CallId);
        Assert.Equal(new CSeqHeader(1, SipMethods.Bye), bye.CSeq);
        Assert.Equal(2, dialog.CreateRequest(SipMethods.Info).CSeq!.Value.Number);
        Assert.False(dialog.IsCaller);
    }

    [Fact]
    public void Uas_dialog_matches_requests_by_call_id_and_both_tags_and_refuses_a_lower_cseq()
    {
        var dialog = SipDialog.FromUasRequest(TestMessages.Parse(Invite), "b2", Flow)!;
        var bye = TestMessages.Parse(Invite.Replace("INVITE sip", "BYE sip", StringComparison.Ordinal)
            .Replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=b2", StringComparison.Ordinal)
            .Replace("CSeq: 7 INVITE", "CSeq: 8 BYE", StringComparison.Ordinal));
        Assert.True(dialog.Matches(bye));
        Assert.True(dialog.TryAcceptRemoteCSeq(bye));
        var stale = TestMessages.Parse(Invite.Replace("INVITE sip", "INFO sip", StringComparison.Ordinal)
            .Replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=b2", StringComparison.Ordinal)
            .Replace("CSeq: 7 INVITE", "CSeq: 6 INFO", StringComparison.Ordinal));
        Assert.False(dialog.TryAcceptRemoteCSeq(stale));
        var other = TestMessages.Parse(Invite.Replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=zz", StringComparison.Ordinal));
        Assert.False(dialog.Matches(other));
        Assert.Null(SipDialog.KeyOfRequest(TestMessages.Parse(Invite)));
    }

    [Fact]
    public void Uac_dialog_takes_the_remote_target_from_the_2xx_and_reverses_record_route()
    {
        var invite = TestMessages.Parse(Invite);
        var ok = SipResponseFactory.Create(invite, 200, "OK", "b9")
            .Add(SipHeaderKind.RecordRoute, "<sip:p1.example.com;lr>, <sip:p2.example.com;lr>")
            .Add(SipHeaderKind.Contact, "<sip:bob@10.0.0.9:5062;transport=tcp>");
        var dialog = SipDialog.FromUacResponse(invite, ok, Flow)!;
        Assert.True(dialog.IsCaller);
        Assert.Equal("sip:bob@10.0.0.9:5062;transport=tcp", dialog.RemoteTarget);
        Assert.Equal(["<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"], dialog.RouteSet);
        var ack = dialog.CreateAck();
        Assert.Equal(new CSeqHeader(7, SipMethods.Ack), ack.CSeq);
        Assert.Equal("\"Alice\" <sip:alice@example.com>;tag=a1", ack.Get(SipHeaderKind.From));
        Assert.Equal("<sip:bob@example.com>;tag=b9", ack.Get(SipHeaderKind.To));
        Assert.Equal(8, dialog.CreateRequest(SipMethods.Bye).CSeq!.Value.Number);
        Assert.Null(SipDialog.FromUacResponse(invite, SipResponseFactory.Create(invite, 200, "OK", "b9"), Flow));
    }

    [Fact]
    public void Strict_route_becomes_the_request_uri_and_the_target_goes_last()
    {
        var invite = TestMessages.Parse(Invite.Replace("<sip:p1.example.com;lr>, <sip:p2.example.com;lr>", "<sip:strict.example.com>", StringComparison.Ordinal));
        var bye = SipDialog.FromUasRequest(invite, "b2", Flow)!.CreateRequest(SipMethods.Bye);
        Assert.Equal("sip:strict.example.com", bye.RequestUri);
        Assert.Equal(["<sip:alice@10.0.0.2:5070>"], bye.GetAll(SipHeaderKind.Route));
    }

    [Fact]
    public void Ack_and_cancel_cannot_be_built_as_new_requests()
    {
        var dialog = SipDialog.FromUasRequest(TestMessages.Parse(Invite), "b2", Flow)!;
        Assert.Throws<ArgumentException>(() => dialog.CreateRequest(SipMethods.Ack));
        Assert.Throws<ArgumentException>(() => dialog.CreateRequest(SipMethods.Cancel));
    }

    [Fact]
    public void One_offer_from_the_peer_at_a_time_and_an_update_may_come_while_a_2xx_awaits_its_ack()
    {
        var dialog = SipDialog.FromUasRequest(TestMessages.Parse(Invite), "b2", Flow)!;
        var update = TestMessages.Parse(Invite.Replace("INVITE sip", "UPDATE sip", StringComparison.Ordinal)
            .Replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=b2", StringComparison.Ordinal)
            .Replace("CSeq: 7 INVITE", "CSeq: 8 UPDATE", StringComparison.Ordinal));
        var reinvite = TestMessages.Parse(Invite.Replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=b2", StringComparison.Ordinal)
            .Replace("CSeq: 7 INVITE", "CSeq: 9 INVITE", StringComparison.Ordinal));

        Assert.True(dialog.TryBeginRemoteOffer(update, out var none));
        Assert.Null(none);
        Assert.False(dialog.TryBeginRemoteOffer(reinvite, out var busy));
        Assert.Equal(500, busy.StatusCode);
        Assert.NotNull(busy.Get("Retry-After"));
        dialog.EndRemoteOffer();

        dialog.AwaitingAck = true;
        Assert.False(dialog.TryBeginRemoteOffer(reinvite, out var pending));
        Assert.Equal(491, pending.StatusCode);
        Assert.Equal(new CSeqHeader(9, SipMethods.Invite), pending.CSeq);
        Assert.True(dialog.TryBeginRemoteOffer(update, out _));
    }
}
