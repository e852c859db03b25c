using SipCube.Calls.Ports;
using SipCube.Sip.Message;

namespace SipCube.Calls.Sip.Tests;

public class InDialogTests
{
    private static async Task<SipMessage> AnsweredCallAsync(SipEdgeTestBed bed)
    {
        await bed.SendAsync(PhoneMessages.Invite());
        await bed.SendAsync(PhoneMessages.Authorized(await bed.ResponseAsync(407)));
        await (await bed.AppLegAsync()).Called.Task.WaitAsync(TimeSpan.FromSeconds(15));
        bed.Registry.Find("ph-call-1")!.Sink.Post(new CallEvent.AppAccepted("v=0\r\n"));
        var ok = await bed.ResponseAsync(200);
        await bed.SendAsync(PhoneMessages.Ack(ok));
        return ok;
    }

    [Theory]
    [InlineData(SipMethods.Bye)]
    [InlineData(SipMethods.Info)]
    [InlineData(SipMethods.Update)]
    public async Task Requests_for_an_unknown_dialog_get_481(string method)
    {
        await using var bed = new SipEdgeTestBed();
        var stray = PhoneMessages.InCallerDialog(PhoneMessages.Reply(PhoneMessages.Invite(), 200, "OK"), method, 5);
        await bed.SendAsync(stray);
        await bed.NextAsync(m => m.StatusCode == 481 && m.CSeq!.Value.Method == method);
    }

    [Fact]
    public async Task A_reinvite_for_an_unknown_dialog_gets_481()
    {
        await using var bed = new SipEdgeTestBed();
        var stray = PhoneMessages.InCallerDialog(PhoneMessages.Reply(PhoneMessages.Invite(), 200, "OK"), SipMethods.Invite, 5, "z9hG4bKre0");
        await bed.SendAsync(stray);
        await bed.ResponseAsync(481);
        Assert.Equal(0, bed.Registry.Count);
    }

    [Fact]
    public async Task A_request_with_a_lower_cseq_gets_500()
    {
        await using var bed = new SipEdgeTestBed();
        var ok = await AnsweredCallAsync(bed);
        await bed.SendAsync(PhoneMessages.InCallerDialog(ok, SipMethods.Info, 5, "z9hG4bKi5"));
        await bed.NextAsync(m => m.StatusCode == 200 && m.CSeq!.Value.Number == 5);
        await bed.SendAsync(PhoneMessages.InCallerDialog(ok, SipMethods.Info, 4, "z9hG4bKi4"));
        await bed.NextAsync(m => m.StatusCode == 500 && m.CSeq!.Value.Number == 4);
    }
}
