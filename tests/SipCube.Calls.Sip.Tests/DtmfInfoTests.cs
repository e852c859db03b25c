using System.Text;
using SipCube.Sip.Message;

namespace SipCube.Calls.Sip.Tests;

/// <summary>SIP INFO in a call: DTMF bodies to the app, everything else answered per RFC 6086.</summary>
public class DtmfInfoTests
{
    private static SipMessage Info(SipMessage ok, int cseq, string? contentType, string body)
    {
        var info = PhoneMessages.InCallerDialog(ok, SipMethods.Info, cseq, "z9hG4bKinfo" + cseq);
        if (contentType is not null)
        {
            info.Add(SipHeaderKind.ContentType, contentType);
            info.Body = Encoding.UTF8.GetBytes(body);
        }

        return info;
    }

    private static Task<SipMessage> FinalAsync(SipEdgeTestBed bed, int cseq) =>
        bed.NextAsync(m => m.StatusCode >= 200 && m.CSeq!.Value.Number == cseq);

    [Fact]
    public async Task Dtmf_relay_and_dtmf_bodies_get_200_and_reach_the_app_in_order_with_their_duration()
    {
        await using var bed = new SipEdgeTestBed();
        var ok = await ReofferTests.AnsweredCallAsync(bed);
        await bed.SendAsync(Info(ok, 3, "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
        Assert.Equal(200, (await FinalAsync(bed, 3)).StatusCode);
        await bed.SendAsync(Info(ok, 4, "application/dtmf", "#"));
        Assert.Equal(200, (await FinalAsync(bed, 4)).StatusCode);
        await bed.SendAsync(Info(ok, 5, "Application/DTMF-Relay; charset=us-ascii", "signal= 11\nduration=80\n"));
        Assert.Equal(200, (await FinalAsync(bed, 5)).StatusCode);

        var bridge = bed.Factory.Bridges.Single();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (bridge.Digits.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(
            [('5', TimeSpan.FromMilliseconds(160)), ('#', TimeSpan.FromMilliseconds(250)), ('#', TimeSpan.FromMilliseconds(80))],
            bridge.Digits);
    }

    [Fact]
    public async Task A_malformed_dtmf_body_gets_400_saying_what_was_wrong()
    {
        await using var bed = new SipEdgeTestBed();
        var ok = await ReofferTests.AnsweredCallAsync(bed);
        await bed.SendAsync(Info(ok, 3, "application/dtmf-relay", "Signal=X\r\nDuration=160\r\n"));
        var bad = await FinalAsync(bed, 3);
        Assert.Equal(400, bad.StatusCode);
        Assert.Contains("Bad Signal", bad.ReasonPhrase, StringComparison.Ordinal);
        await bed.SendAsync(Info(ok, 4, "application/dtmf-relay", "Duration=160\r\n"));
        Assert.Contains("No Signal", (await FinalAsync(bed, 4)).ReasonPhrase, StringComparison.Ordinal);
        Assert.Empty(bed.Factory.Bridges.Single().Digits);
    }

    [Fact]
    public async Task Another_body_gets_415_with_accept_an_info_package_469_and_no_body_200()
    {
        await using var bed = new SipEdgeTestBed();
        var ok = await ReofferTests.AnsweredCallAsync(bed);
        await bed.SendAsync(Info(ok, 3, "application/media_control+xml", "<media_control/>"));
        var unsupported = await FinalAsync(bed, 3);
        Assert.Equal(415, unsupported.StatusCode);
        Assert.Equal("application/dtmf-relay, application/dtmf", unsupported.Get(SipHeaderKind.Accept));

        await bed.SendAsync(Info(ok, 4, "application/dtmf-relay", "Signal=1\r\n").Add("Info-Package", "foo"));
        var package = await FinalAsync(bed, 4);
        Assert.Equal(469, package.StatusCode);
        Assert.NotNull(package.Get("Recv-Info"));

        await bed.SendAsync(Info(ok, 5, null, string.Empty));
        Assert.Equal(200, (await FinalAsync(bed, 5)).StatusCode);
        Assert.Empty(bed.Factory.Bridges.Single().Digits);
        Assert.Equal(1, bed.Registry.Count);
    }
}
