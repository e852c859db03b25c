using System.Net;
using System.Text;
using SipCube.Sip.Message;
using SipCube.Sip.Transport;

namespace SipCube.Sip.Tests.Transactions;

public class TransactionTimerTests
{
    private sealed class RejectInvites : ISipRequestHandler
    {
        public int Calls;

        public async ValueTask HandleAsync(SipServerRequest request)
        {
            Interlocked.Increment(ref Calls);
            await request.RespondAsync(486, "Busy Here");
        }
    }

    private const string Invite = """
        INVITE sip:bob@example.com SIP/2.0
        Via: SIP/2.0/UDP 10.0.0.2:5070;branch=z9hG4bKinv1
        Max-Forwards: 70
        From: <sip:alice@example.com>;tag=a1
        To: <sip:bob@example.com>
        Call-ID: inv-1
        CSeq: 1 INVITE
        Contact: <sip:alice@10.0.0.2:5070>
        Content-Length: 0


        """;

    [Fact]
    public async Task Invite_server_retransmits_a_non_2xx_final_on_timer_g_until_ack_then_ends_on_timer_i()
    {
        await using var bed = new SipTestBed();
        var handler = new RejectInvites();
        bed.Endpoint.MapMethod(SipMethods.Invite, handler);
        await bed.SendAsync(Invite);
        Assert.Equal([100, 486], bed.Received().Select(r => r.StatusCode));

        bed.Clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(486, bed.Single().StatusCode);
        bed.Clock.Advance(TimeSpan.FromMilliseconds(1000));
        Assert.Equal(486, bed.Single().StatusCode);

        var final = bed.Received();
        var ack = Invite.Replace("INVITE sip", "ACK sip", StringComparison.Ordinal).Replace("CSeq: 1 INVITE", "CSeq: 1 ACK", StringComparison.Ordinal);
        await bed.SendAsync(ack);
        bed.Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Empty(bed.Received());
        bed.Clock.Advance(TimeSpan.FromSeconds(5)); // Timer I = T4
        Assert.Equal(0, bed.Endpoint.ServerTransactionCount);
        Assert.Equal(1, handler.Calls);
        Assert.Empty(final);
    }

    [Fact]
    public async Task Invite_server_gives_up_on_timer_h_without_ack()
    {
        await using var bed = new SipTestBed();
        bed.Endpoint.MapMethod(SipMethods.Invite, new RejectInvites());
        await bed.SendAsync(Invite);
        bed.Received();
        for (var i = 0; i < 64; i++)
        {
            bed.Clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        var retransmissions = bed.Received().Count;
        Assert.InRange(retransmissions, 9, 11); // 0.5, 1.5, 3.5, 7.5, then every T2 = 4 s up to 32 s
        Assert.Equal(0, bed.Endpoint.ServerTransactionCount);
    }

    [Fact]
    public async Task Non_invite_client_retransmits_on_timer_e_and_times_out_on_timer_f()
    {
        await using var bed = new SipTestBed();
        var flow = new SipFlow("UDP", SipTestBed.ServerAddress, SipTestBed.PhoneAddress);
        var request = SipMessage.CreateRequest(SipMethods.Options, "sip:alice@10.0.0.2:5070")
            .Add(SipHeaderKind.From, "<sip:example.com>;tag=x").Add(SipHeaderKind.To, "<sip:alice@example.com>")
            .Add(SipHeaderKind.CallId, "opt-1").Add(SipHeaderKind.CSeq, "1 OPTIONS").Add(SipHeaderKind.MaxForwards, "70");
        var pending = bed.Endpoint.SendRequestAsync(request, flow);
        var sendTimes = new List<double> { 0 };
        bed.Received();
        for (var ms = 100; ms <= 32_000; ms += 100)
        {
            bed.Clock.Advance(TimeSpan.FromMilliseconds(100));
            if (bed.Received().Count > 0)
            {
                sendTimes.Add(ms / 1000.0);
            }
        }

        Assert.Null(await pending.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], sendTimes);
        Assert.Equal(0, bed.Endpoint.ClientTransactionCount);
    }

    [Fact]
    public async Task Non_invite_client_completes_on_a_final_response_and_absorbs_retransmissions()
    {
        await using var bed = new SipTestBed();
        var flow = new SipFlow("UDP", SipTestBed.ServerAddress, SipTestBed.PhoneAddress);
        var request = SipMessage.CreateRequest(SipMethods.Options, "sip:alice@10.0.0.2:5070")
            .Add(SipHeaderKind.From, "<sip:example.com>;tag=x").Add(SipHeaderKind.To, "<sip:alice@example.com>")
            .Add(SipHeaderKind.CallId, "opt-2").Add(SipHeaderKind.CSeq, "1 OPTIONS").Add(SipHeaderKind.MaxForwards, "70");
        var pending = bed.Endpoint.SendRequestAsync(request, flow);
        var sent = bed.Single();
        var ok = SipResponseFactory.Create(sent, 200, "OK");
        await bed.Phone.SendRawAsync(SipTestBed.ServerAddress, SipMessageWriter.ToArray(ok));
        await bed.Phone.SendRawAsync(SipTestBed.ServerAddress, SipMessageWriter.ToArray(ok));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(200, response!.StatusCode);
        bed.Clock.Advance(TimeSpan.FromSeconds(5)); // Timer K = T4
        Assert.Equal(0, bed.Endpoint.ClientTransactionCount);
        Assert.Empty(bed.Received());
    }

    [Fact]
    public async Task Invite_client_sends_ack_for_a_non_2xx_final()
    {
        await using var bed = new SipTestBed();
        var flow = new SipFlow("UDP", SipTestBed.ServerAddress, SipTestBed.PhoneAddress);
        var invite = SipMessage.CreateRequest(SipMethods.Invite, "sip:alice@10.0.0.2:5070")
            .Add(SipHeaderKind.From, "<sip:example.com>;tag=x").Add(SipHeaderKind.To, "<sip:alice@example.com>")
            .Add(SipHeaderKind.CallId, "inv-c").Add(SipHeaderKind.CSeq, "7 INVITE").Add(SipHeaderKind.MaxForwards, "70");
        var pending = bed.Endpoint.SendRequestAsync(invite, flow);
        var sent = bed.Single();
        await bed.Phone.SendRawAsync(SipTestBed.ServerAddress, SipMessageWriter.ToArray(SipResponseFactory.Create(sent, 486, "Busy Here", "t9")));
        Assert.Equal(486, (await pending.WaitAsync(TimeSpan.FromSeconds(10)))!.StatusCode);
        var ack = bed.Single();
        Assert.Equal("ACK", ack.Method);
        Assert.Equal(new CSeqHeader(7, "ACK"), ack.CSeq);
        Assert.Equal(sent.TopVia!.Branch, ack.TopVia!.Branch);
        Assert.Contains("tag=t9", ack.Get(SipHeaderKind.To), StringComparison.Ordinal);
        _ = Encoding.ASCII;
        _ = IPAddress.Any;
    }
}
