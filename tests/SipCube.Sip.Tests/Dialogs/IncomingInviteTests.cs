using SipCube.Sip.Dialogs;
using SipCube.Sip.Message;

namespace SipCube.Sip.Tests.Dialogs;

public class IncomingInviteTests
{
    private const string Invite = """
        INVITE sip:bob@example.com SIP/2.0
        Via: SIP/2.0/UDP 10.0.0.2:5070;branch=z9hG4bKin1;rport
        Max-Forwards: 70
        From: <sip:alice@example.com>;tag=a1
        To: <sip:bob@example.com>
        Call-ID: in-1
        CSeq: 3 INVITE
        Contact: <sip:alice@10.0.0.2:5070>
        Content-Length: 0


        """;

    /// <summary>Wraps every INVITE in an <see cref="IncomingInvite"/> and hands every ACK to it.</summary>
    private sealed class Uas : ISipRequestHandler
    {
        public IncomingInvite? Current { get; private set; }

        public ValueTask HandleAsync(SipServerRequest request)
        {
            if (request.Message.Method == SipMethods.Ack)
            {
                Current?.OnAck(request.Message);
            }
            else
            {
                Current = new IncomingInvite(request);
            }

            return ValueTask.CompletedTask;
        }
    }

    private static async Task<(SipTestBed Bed, Uas Uas)> StartAsync()
    {
        var bed = new SipTestBed();
        var uas = new Uas();
        bed.Endpoint.MapMethod(SipMethods.Invite, uas);
        bed.Endpoint.MapMethod(SipMethods.Ack, uas);
        await bed.SendAsync(Invite);
        Assert.Equal(100, bed.Single().StatusCode);
        return (bed, uas);
    }

    private static string Ack(string toTag, string branch = "z9hG4bKack1") => Invite
        .Replace("INVITE sip", "ACK sip", StringComparison.Ordinal)
        .Replace("z9hG4bKin1", branch, StringComparison.Ordinal)
        .Replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=" + toTag, StringComparison.Ordinal)
        .Replace("CSeq: 3 INVITE", "CSeq: 3 ACK", StringComparison.Ordinal);

    [Fact]
    public async Task Ringing_and_ok_carry_the_same_to_tag_and_our_contact()
    {
        var (bed, uas) = await StartAsync();
        await using var _ = bed;
        var invite = uas.Current!;
        await invite.SendProvisionalAsync(180, "Ringing");
        var ringing = bed.Single();
        var dialog = await invite.AcceptAsync("application/sdp", "v=0\r\n"u8.ToArray());
        var ok = bed.Single();
        Assert.Equal(180, ringing.StatusCode);
        Assert.Equal(200, ok.StatusCode);
        foreach (var response in new[] { ringing, ok })
        {
            Assert.True(NameAddress.TryParse(response.Get(SipHeaderKind.To), out var to));
            Assert.Equal(invite.LocalTag, to.Tag);
            Assert.Equal("<sip:10.0.0.1:5060>", response.Get(SipHeaderKind.Contact));
        }

        Assert.Equal("application/sdp", ok.Get(SipHeaderKind.ContentType));
        Assert.Equal(invite.DialogKey, dialog!.Key);
        Assert.False(await invite.RejectAsync(486, "Busy Here"));
    }

    [Fact]
    public async Task Ok_is_retransmitted_at_t1_doubling_up_to_t2_until_the_ack()
    {
        var (bed, uas) = await StartAsync();
        await using var _ = bed;
        var invite = uas.Current!;
        await invite.AcceptAsync("application/sdp", "v=0\r\n"u8.ToArray());
        Assert.Equal(200, bed.Single().StatusCode);
        foreach (var ms in new[] { 500, 1000, 2000, 4000, 4000 })
        {
            bed.Clock.Advance(TimeSpan.FromMilliseconds(ms - 1));
            Assert.Empty(bed.Received());
            bed.Clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(200, bed.Single().StatusCode);
        }

        await bed.SendAsync(Ack(invite.LocalTag));
        Assert.True(await invite.Acknowledged.WaitAsync(TimeSpan.FromSeconds(10)));
        bed.Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Empty(bed.Received());
    }

    [Fact]
    public async Task An_ack_with_another_to_tag_does_not_stop_the_retransmissions()
    {
        var (bed, uas) = await StartAsync();
        await using var _ = bed;
        var invite = uas.Current!;
        await invite.AcceptAsync("application/sdp", "v=0\r\n"u8.ToArray());
        bed.Received();
        await bed.SendAsync(Ack("not-ours"));
        bed.Clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(200, bed.Single().StatusCode);
        Assert.False(invite.Acknowledged.IsCompleted);
    }

    [Fact]
    public async Task No_ack_within_64_t1_confirms_and_ends_the_dialog_with_bye()
    {
        var (bed, uas) = await StartAsync();
        await using var _ = bed;
        var invite = uas.Current!;
        var timedOut = 0;
        invite.AckTimedOut += _ => timedOut++;
        await invite.AcceptAsync("application/sdp", "v=0\r\n"u8.ToArray());
        for (var i = 0; i < 64; i++)
        {
            bed.Clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        var sent = bed.Received();
        Assert.True(sent.Count(m => m.StatusCode == 200) >= 8, string.Join(" | ", sent));
        var bye = Assert.Single(sent, m => m.Method == SipMethods.Bye);
        Assert.Equal("sip:alice@10.0.0.2:5070", bye.RequestUri);
        Assert.Equal("<sip:alice@example.com>;tag=a1", bye.Get(SipHeaderKind.To));
        Assert.Equal(1, timedOut);
        Assert.False(await invite.Acknowledged.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Ack_reusing_the_invite_branch_still_reaches_the_ua()
    {
        var (bed, uas) = await StartAsync();
        await using var _ = bed;
        var invite = uas.Current!;
        await invite.AcceptAsync("application/sdp", "v=0\r\n"u8.ToArray());
        bed.Received();
        await bed.SendAsync(Ack(invite.LocalTag, branch: "z9hG4bKin1"));
        Assert.True(await invite.Acknowledged.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task After_a_cancel_the_ok_is_not_sent()
    {
        var (bed, uas) = await StartAsync();
        await using var _ = bed;
        var invite = uas.Current!;
        var cancel = Invite.Replace("INVITE sip", "CANCEL sip", StringComparison.Ordinal).Replace("CSeq: 3 INVITE", "CSeq: 3 CANCEL", StringComparison.Ordinal);
        await bed.SendAsync(cancel);
        Assert.Equal([200, 487], bed.Received().Select(r => r.StatusCode));
        Assert.True(invite.Cancelled.IsCancellationRequested);
        Assert.Null(await invite.AcceptAsync("application/sdp", "v=0\r\n"u8.ToArray()));
        Assert.Empty(bed.Received());
    }
}
