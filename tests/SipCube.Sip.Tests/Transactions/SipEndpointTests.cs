using SipCube.Sip.Message;

namespace SipCube.Sip.Tests.Transactions;

public class SipEndpointTests
{
    private static string Request(string method, string extra = "X-Test: 1", string uri = "sip:example.com", string cseqMethod = "", string branch = "z9hG4bKe1") => $"""
        {method} {uri} SIP/2.0
        Via: SIP/2.0/UDP 192.168.1.10:5060;branch={branch};rport
        Max-Forwards: 70
        From: <sip:alice@example.com>;tag=a1
        To: <sip:example.com>
        Call-ID: ep-{method}
        CSeq: 1 {(cseqMethod.Length > 0 ? cseqMethod : method)}
        {extra}
        Content-Length: 0


        """;

    [Fact]
    public async Task Options_gets_200_with_allow_and_accept()
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(Request("OPTIONS", "Accept: application/sdp"));
        var response = bed.Single();
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OPTIONS, ACK, CANCEL, REGISTER", response.Get(SipHeaderKind.Allow));
        Assert.Equal("application/sdp", response.Get(SipHeaderKind.Accept));
        Assert.NotNull(NameAddressTag(response));
    }

    [Fact]
    public async Task Response_via_carries_received_and_rport_of_the_real_source()
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(Request("OPTIONS"));
        var via = bed.Single().TopVia!;
        Assert.Equal("10.0.0.2", via.Parameters.Get("received"));
        Assert.Equal("5070", via.Parameters.Get("rport"));
        Assert.Equal("192.168.1.10", via.Host);
    }

    [Fact]
    public async Task Unknown_method_gets_501_and_known_unsupported_gets_405_with_allow()
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(Request("FROBNICATE"));
        Assert.Equal(501, bed.Single().StatusCode);
        await bed.SendAsync(Request("SUBSCRIBE", "Event: presence"));
        var response = bed.Single();
        Assert.Equal(405, response.StatusCode);
        Assert.Contains("REGISTER", response.Get(SipHeaderKind.Allow), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_without_handler_gets_100_then_405()
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(Request("INVITE", "Contact: <sip:alice@192.168.1.10>"));
        var responses = bed.Received();
        Assert.Equal([100, 405], responses.Select(r => r.StatusCode));
        Assert.Null(NameAddressTag(responses[0]));
    }

    [Fact]
    public async Task Unsupported_require_gets_420_listing_the_options()
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(TestMessages.LoadRfc4475Text("valid/bext01.sip"));
        var response = bed.Single();
        Assert.Equal(420, response.StatusCode);
        Assert.Equal("nothingSupportsThis, nothingSupportsThisEither", response.Get(SipHeaderKind.Unsupported));
    }

    [Fact]
    public async Task Unknown_uri_scheme_gets_416()
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(TestMessages.LoadRfc4475Text("valid/unkscm.sip"));
        Assert.Equal(416, bed.Single().StatusCode);
    }

    [Fact]
    public async Task Request_in_another_sip_version_gets_505_and_torture_badvers_too()
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(Request("OPTIONS").Replace("sip:example.com SIP/2.0", "sip:example.com SIP/3.0", StringComparison.Ordinal));
        var response = bed.Single();
        Assert.Equal(505, response.StatusCode);
        Assert.Equal("ep-OPTIONS", response.Get(SipHeaderKind.CallId));

        await bed.SendAsync(TestMessages.LoadRfc4475Text("invalid/badvers.sip"));
        Assert.True(bed.Phone.Inbox.TryDequeue(out var raw));
        Assert.StartsWith("SIP/2.0 505 Version Not Supported\r\n", System.Text.Encoding.ASCII.GetString(raw), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_with_max_forwards_zero_is_answered_by_the_uas()
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(TestMessages.LoadRfc4475Text("valid/zeromf.sip"));
        Assert.Equal(200, bed.Single().StatusCode);
    }

    [Theory]
    [InlineData("invalid/mismatch01.sip", "Bad Request - CSeq Method Mismatch")]
    [InlineData("invalid/badinv01.sip", "Bad Request - Malformed Via")]
    [InlineData("invalid/multi01.sip", "Bad Request - Duplicate Single-Value Header")]
    [InlineData("invalid/clerr.sip", "Bad Request - Content-Length Exceeds Body")]
    public async Task Invalid_requests_get_400_with_a_reason_and_are_counted(string file, string reason)
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(TestMessages.LoadRfc4475Text(file));
        Assert.True(bed.Phone.Inbox.TryDequeue(out var raw));
        var text = System.Text.Encoding.UTF8.GetString(raw);
        Assert.StartsWith("SIP/2.0 400 " + reason + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Call-ID: ", text, StringComparison.Ordinal);
        Assert.Empty(bed.Phone.Inbox);
    }

    [Fact]
    public async Task Unaddressable_garbage_is_dropped()
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(TestMessages.LoadRfc4475Text("invalid/insuf.sip"));
        await bed.SendAsync("hello world\r\n\r\n");
        Assert.Empty(bed.Received());
    }

    [Fact]
    public async Task Retransmitted_request_gets_the_same_response_without_reprocessing()
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(SipTestBed.Register());
        await bed.SendAsync(SipTestBed.Register());
        var responses = bed.Received();
        Assert.Equal(2, responses.Count);
        Assert.Equal(SipMessageWriter.ToText(responses[0]), SipMessageWriter.ToText(responses[1]));
        Assert.Equal(1, bed.Endpoint.ServerTransactionCount);
        bed.Clock.Advance(TimeSpan.FromSeconds(32)); // Timer J = 64*T1 on UDP
        Assert.Equal(0, bed.Endpoint.ServerTransactionCount);
    }

    [Fact]
    public async Task Cancel_without_a_matching_invite_gets_481()
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(Request("CANCEL"));
        Assert.Equal(481, bed.Single().StatusCode);
    }

    private static string? NameAddressTag(SipMessage response) =>
        NameAddress.TryParse(response.Get(SipHeaderKind.To), out var to) ? to.Tag : null;
}
