using SipCube.Sip.Dialogs;
using SipCube.Sip.Message;

namespace SipCube.Sip.Tests.Dialogs;

public class IncomingReinviteTests
{
    private const string Invite = """
        INVITE sip:bob@example.com SIP/2.0
        Via: SIP/2.0/UDP 10.0.0.2:5070;branch=z9hG4bKin1;rport
        Max-Forwards: 70
        From: <sip:alice@example.com>;tag=a1
        To: <sip:bob@example.com>
        Call-ID: re-1
        CSeq: 1 INVITE
        Contact: <sip:alice@10.0.0.2:5070>
        Content-Length: 0


        """;

    /// <summary>Accepts the initial INVITE at once; takes every in-dialog INVITE as a re-INVITE and routes ACKs by CSeq.</summary>
    private sealed class Uas : ISipRequestHandler
    {
        public IncomingInvite? Initial { get; private set; }

        public SipDialog? Dialog { get; private set; }

        public List<IncomingReinvite> Reinvites { get; } = [];

        public async ValueTask HandleAsync(SipServerRequest request)
        {
            var message = request.Message;
            if (message.Method == SipMethods.Ack)
            {
                if (!(Initial?.OnAck(message) ?? false))
                {
                    Reinvites.ForEach(r => r.OnAck(message));
                }

                return;
            }

            if (Dialog is null)
            {
                Initial = new IncomingInvite(request);
                Dialog = await Initial.AcceptAsync("application/sdp", "v=0 initial\r\n"u8.ToArray());
                return;
            }

            var reinvite = IncomingReinvite.TryStart(Dialog, request, out var refusal);
            if (reinvite is null)
            {
                await request.RespondAsync(refusal!);
                return;
            }

            Reinvites.Add(reinvite);
        }
    }

    private static async Task<(SipTestBed Bed, Uas Uas)> EstablishedAsync(bool ack = true)
    {
        var bed = new SipTestBed();
        var uas = new Uas();
        bed.Endpoint.MapMethod(SipMethods.Invite, uas);
        bed.Endpoint.MapMethod(SipMethods.Ack, uas);
        await bed.SendAsync(Invite);
        Assert.Equal([100, 200], bed.Received().Select(m => m.StatusCode));
        if (ack)
        {
            await bed.SendAsync(InDialog("ACK", 1, "z9hG4bKack1", uas.Initial!.LocalTag));
            Assert.True(await uas.Initial.Acknowledged.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        return (bed, uas);
    }

    private static string InDialog(string method, int cseq, string branch, string toTag, string contact = "<sip:alice@10.0.0.2:5070>") => $"""
        {method} sip:10.0.0.1:5060 SIP/2.0
        Via: SIP/2.0/UDP 10.0.0.2:5070;branch={branch};rport
        Max-Forwards: 70
        From: <sip:alice@example.com>;tag=a1
        To: <sip:bob@example.com>;tag={toTag}
        Call-ID: re-1
        CSeq: {cseq} {method}
        Contact: {contact}
        Content-Length: 0


        """;

    [Fact]
    public async Task A_reinvite_gets_200_with_our_contact_and_the_dialog_tag_resent_until_its_ack_and_refreshes_the_target()
    {
        var (bed, uas) = await EstablishedAsync();
        await using var _ = bed;
        var tag = uas.Initial!.LocalTag;
        await bed.SendAsync(InDialog("INVITE", 2, "z9hG4bKre2", tag, "<sip:alice@10.0.0.2:5080>"));
        Assert.Equal(100, bed.Single().StatusCode);
        var reinvite = Assert.Single(uas.Reinvites);
        Assert.True(uas.Dialog!.RemoteOfferPending);

        Assert.True(await reinvite.AcceptAsync("application/sdp", "v=0 held\r\n"u8.ToArray()));
        var ok = bed.Single();
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal(new CSeqHeader(2, SipMethods.Invite), ok.CSeq);
        Assert.Equal("<sip:bob@example.com>;tag=" + tag, ok.Get(SipHeaderKind.To));
        Assert.Equal("<sip:10.0.0.1:5060>", ok.Get(SipHeaderKind.Contact));
        Assert.Equal("v=0 held\r\n", System.Text.Encoding.UTF8.GetString(ok.Body.Span));
        Assert.Equal("sip:alice@10.0.0.2:5080", uas.Dialog.RemoteTarget);
        Assert.False(uas.Dialog.RemoteOfferPending);
        Assert.True(uas.Dialog.AwaitingAck);

        foreach (var ms in new[] { 500, 1000, 2000 })
        {
            bed.Clock.Advance(TimeSpan.FromMilliseconds(ms - 1));
            Assert.Empty(bed.Received());
            bed.Clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(200, bed.Single().StatusCode);
        }

        await bed.SendAsync(InDialog("ACK", 1, "z9hG4bKstale", tag));
        Assert.False(reinvite.Acknowledged.IsCompleted);
        await bed.SendAsync(InDialog("ACK", 2, "z9hG4bKack2", tag));
        Assert.True(await reinvite.Acknowledged.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(uas.Dialog.AwaitingAck);
        bed.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.DoesNotContain(bed.Received(), m => m.StatusCode == 200);
    }

    [Fact]
    public async Task A_second_reinvite_while_the_first_is_unanswered_gets_500_with_retry_after_up_to_10_s()
    {
        var (bed, uas) = await EstablishedAsync();
        await using var _ = bed;
        var tag = uas.Initial!.LocalTag;
        await bed.SendAsync(InDialog("INVITE", 2, "z9hG4bKre2", tag));
        await bed.SendAsync(InDialog("INVITE", 3, "z9hG4bKre3", tag));
        var refused = bed.Received().Single(m => m.StatusCode == 500);
        Assert.Equal(new CSeqHeader(3, SipMethods.Invite), refused.CSeq);
        Assert.InRange(int.Parse(refused.Get("Retry-After")!, System.Globalization.CultureInfo.InvariantCulture), 0, 10);
        Assert.Single(uas.Reinvites);
    }

    [Fact]
    public async Task A_reinvite_before_the_ack_of_the_previous_2xx_gets_491()
    {
        var (bed, uas) = await EstablishedAsync(ack: false);
        await using var _ = bed;
        var tag = uas.Initial!.LocalTag;
        await bed.SendAsync(InDialog("INVITE", 2, "z9hG4bKre2", tag));
        Assert.Equal([100, 491], bed.Received().Select(m => m.StatusCode));

        await bed.SendAsync(InDialog("ACK", 1, "z9hG4bKack1", tag));
        await bed.SendAsync(InDialog("INVITE", 3, "z9hG4bKre3", tag));
        await Assert.Single(uas.Reinvites).AcceptAsync("application/sdp", "v=0\r\n"u8.ToArray());
        await bed.SendAsync(InDialog("INVITE", 4, "z9hG4bKre4", tag));
        Assert.Equal([100, 200, 100, 491], bed.Received().Select(m => m.StatusCode));
    }

    [Fact]
    public async Task A_refused_reinvite_frees_the_dialog_for_the_next_offer_and_needs_no_ack_from_the_ua()
    {
        var (bed, uas) = await EstablishedAsync();
        await using var _ = bed;
        var tag = uas.Initial!.LocalTag;
        await bed.SendAsync(InDialog("INVITE", 2, "z9hG4bKre2", tag));
        var first = Assert.Single(uas.Reinvites);
        Assert.True(await first.RejectAsync(488, "Not Acceptable Here"));
        Assert.False(await first.AcceptAsync("application/sdp", "v=0\r\n"u8.ToArray()));
        Assert.False(await first.Acknowledged);
        Assert.Equal([100, 488], bed.Received().Select(m => m.StatusCode));
        Assert.Equal("sip:alice@10.0.0.2:5070", uas.Dialog!.RemoteTarget);

        await bed.SendAsync(InDialog("INVITE", 3, "z9hG4bKre3", tag));
        Assert.Equal(2, uas.Reinvites.Count);
        Assert.True(await uas.Reinvites[1].AcceptAsync("application/sdp", "v=0\r\n"u8.ToArray()));
    }

    [Fact]
    public async Task No_ack_for_the_reinvite_2xx_within_64_t1_ends_the_dialog_with_bye()
    {
        var (bed, uas) = await EstablishedAsync();
        await using var _ = bed;
        await bed.SendAsync(InDialog("INVITE", 2, "z9hG4bKre2", uas.Initial!.LocalTag, "<sip:alice@10.0.0.2:5080>"));
        var reinvite = Assert.Single(uas.Reinvites);
        var timedOut = 0;
        reinvite.AckTimedOut += _ => timedOut++;
        await reinvite.AcceptAsync("application/sdp", "v=0\r\n"u8.ToArray());
        for (var i = 0; i < 64; i++)
        {
            bed.Clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        var sent = bed.Received();
        var bye = Assert.Single(sent, m => m.Method == SipMethods.Bye);
        Assert.Equal("sip:alice@10.0.0.2:5080", bye.RequestUri);
        Assert.Contains("cause=408", bye.Get("Reason"), StringComparison.Ordinal);
        Assert.Equal(1, timedOut);
        Assert.False(await reinvite.Acknowledged);
        Assert.False(uas.Dialog!.AwaitingAck);
    }
}
