using System.Globalization;
using SipCube.Testing;
using SipCube.Testing.Phones;
using Xunit.Abstractions;

namespace SipCube.Calls.Sip.Tests.Interop;

/// <summary>SIPp 3.6.1 as a phone holding, resuming and sending SIP INFO DTMF through the SIP edge, over real UDP inside
/// the private network namespace (scenarios of tests/testdata/sipp/bridge).</summary>
[Trait("Category", "Interop")]
public class SippReofferInteropTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    private static SippPhoneOptions Phone(BridgeUnderTest bridge, string scenario, Dictionary<string, string>? variables = null) => new()
    {
        Scenario = scenario,
        Remote = "127.0.0.1:" + bridge.Port.ToString(CultureInfo.InvariantCulture),
        Service = "2002",
        Caller = "alice",
        AuthUser = "alice",
        AuthPassword = "secret",
        Variables = variables ?? [],
        Timeout = TimeSpan.FromSeconds(30),
    };

    [SkippableFact]
    public async Task Sipp_phone_holds_with_sendonly_and_resumes_with_sendrecv_each_reinvite_answered_200_and_acked()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("sipp");
        await using var bridge = await BridgeUnderTest.StartAsync();

        var result = await SippPhone.RunAsync(Phone(bridge, SippScenario.UacCallHold, new() { ["talk_ms"] = "500", ["hold_ms"] = "500" }), Bound);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(TerminationReason.NormalClearing, (await bridge.EndedAsync(Bound)).Reason);
        var updates = Assert.Single(bridge.Factory.Bridges).Updates.ToList();
        Assert.Equal(2, updates.Count);
        Assert.Contains("a=sendonly", updates[0], StringComparison.Ordinal);
        Assert.Contains("a=sendrecv", updates[1], StringComparison.Ordinal);
        foreach (var cseq in new[] { 10, 11 })
        {
            var roundTrip = SippMessageLog.RoundTrip(result.MessageLog, cseq, "INVITE");
            Assert.NotNull(roundTrip);
            output.WriteLine($"re-INVITE CSeq {cseq}: 200 OK after {roundTrip.Value.TotalMilliseconds:F2} ms (SIPp's clock)");
        }
    }

    [SkippableFact]
    public async Task Sipp_phone_sends_three_info_digits_each_answered_200_and_relayed_in_order()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("sipp");
        await using var bridge = await BridgeUnderTest.StartAsync();

        var result = await SippPhone.RunAsync(Phone(bridge, SippScenario.UacCallInfoDtmf, new() { ["talk_ms"] = "300" }), Bound);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(TerminationReason.NormalClearing, (await bridge.EndedAsync(Bound)).Reason);
        Assert.Equal(
            [('1', TimeSpan.FromMilliseconds(160)), ('2', TimeSpan.FromMilliseconds(160)), ('3', TimeSpan.FromMilliseconds(160))],
            Assert.Single(bridge.Factory.Bridges).Digits);
    }
}
