using SipCube.Calls.ConnectyCube.Tests.Fakes;
using SipCube.ConnectyCube.Rest;
using SipCube.Testing;

namespace SipCube.Calls.ConnectyCube.Tests;

/// <summary>The app legs against the real connectycube@6.1.2 SDK in headless Chromium, through the emulator. Media
/// does not flow here (the bridge is a fake); the signalling and the SDP on both sides are real.</summary>
public sealed class BrowserSdkBridgeInteropTests
{
    private const string Script = "SipCube.Calls.ConnectyCube.Tests/browser/bridge-peer.mjs";

    /// <summary>An offer Chromium accepts as a remote description (ICE-lite, DTLS, PCMU).</summary>
    private const string OfferToApp = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\na=ice-lite\r\n" +
        "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 127.0.0.1\r\na=rtcp-mux\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n" +
        "a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF\r\n" +
        "a=setup:actpass\r\na=mid:0\r\na=sendrecv\r\na=rtpmap:0 PCMU/8000\r\n";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [SkippableFact]
    [Trait("Category", "Interop")]
    public async Task Sdk_call_to_a_pooled_phone_identity_starts_a_call_with_the_sdk_offer_and_its_hang_up_cancels_it()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("node");
        await using var bridge = await BridgeHarness.StartAsync(OfferToApp);
        var phone = await bridge.CreatePhoneAsync("2001", "Desk 2001");
        bridge.Node.Phone = phone;
        Assert.True(await bridge.Pool.EnsureLoggedInAsync(phone, CancellationToken.None));
        var (login, _) = await CreateBrowserUserAsync(bridge);

        await using var browser = NodePeer.Start(Script, "caller", Api(bridge), bridge.Emulator.ChatUri.ToString(), login, "pw-browser",
            phone.ConnectyCubeUserId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await browser.WaitForOutputAsync("CALLING", Wait);
        var fork = await bridge.ForkAsync();
        await Eventually.TrueAsync(() => fork.HasPrefix("invite:"), "the phone was invited", Wait);

        var request = Assert.Single(bridge.Node.AppRequests);
        Assert.Equal(("Browser App", phone.ConnectyCubeUserId), (request.CallerName, (long?)request.CalleeUserId));
        Assert.StartsWith("v=0\r\n", request.SdpOffer, StringComparison.Ordinal);
        Assert.Contains("m=audio ", request.SdpOffer, StringComparison.Ordinal);
        Assert.Contains("a=fingerprint:sha-256 ", request.SdpOffer, StringComparison.Ordinal);

        await browser.WriteLineAsync("stop");
        var result = NodePeer.ParseResult(browser, await browser.WaitForExitAsync(Wait));
        Assert.Equal(result.GetProperty("sessionId").GetString(), request.SessionId);
        Assert.Equal(result.GetProperty("userId").GetInt64(), request.CallerUserId);
        Assert.Equal(TerminationReason.Cancelled, (await bridge.Node.Ended.WaitAsync(Wait)).Reason);
        Assert.True(fork.HasPrefix("terminate:Cancel:"));
    }

    [SkippableFact]
    [Trait("Category", "Interop")]
    public async Task Phone_call_rings_the_sdk_with_the_phone_caller_info_and_the_sdk_answer_reaches_the_session()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("node");
        await using var bridge = await BridgeHarness.StartAsync(OfferToApp);
        var phone = await bridge.CreatePhoneAsync("2001", "Desk phone 2001");
        Assert.True(await bridge.Pool.EnsureLoggedInAsync(phone, CancellationToken.None));
        var (login, browserUserId) = await CreateBrowserUserAsync(bridge);

        await using var browser = NodePeer.Start(Script, "callee-accept", Api(bridge), bridge.Emulator.ChatUri.ToString(), login, "pw-browser");
        await browser.WaitForOutputAsync("READY", Wait);
        var sip = bridge.PhoneCalls(phone, browserUserId);
        await Eventually.TrueAsync(() => sip.Has("ringing"), "the phone heard 180", Wait);
        await Eventually.TrueAsync(() => sip.HasPrefix("answer:"), "the SDK accepted and the phone got 200", Wait);

        var answer = bridge.Node.Bridge!.RemoteAnswer!;
        Assert.StartsWith("v=0\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("m=audio ", answer, StringComparison.Ordinal);
        Assert.Contains("a=setup:active", answer, StringComparison.Ordinal);

        sip.Sink!.Post(new CallEvent.SipHungUp(sip.LegId));
        var result = NodePeer.ParseResult(browser, await browser.WaitForExitAsync(Wait));
        var call = result.GetProperty("call");
        Assert.Equal(phone.ConnectyCubeUserId, call.GetProperty("callerId").GetInt64());
        Assert.Equal(2, call.GetProperty("callType").GetInt32());
        Assert.Equal("Desk phone 2001", call.GetProperty("userInfo").GetProperty("callerName").GetString());
        Assert.Equal("2001", call.GetProperty("userInfo").GetProperty("callerNumber").GetString());
        Assert.Equal(phone.ConnectyCubeUserId, result.GetProperty("stop").GetProperty("uid").GetInt64());
        Assert.Equal(TerminationReason.NormalClearing, (await bridge.Node.Ended.WaitAsync(Wait)).Reason);
    }

    private static string Api(BridgeHarness bridge) => bridge.Emulator.ApiUri.ToString().TrimEnd('/');

    private static async Task<(string Login, int UserId)> CreateBrowserUserAsync(BridgeHarness bridge)
    {
        var login = "browser-" + Guid.NewGuid().ToString("N")[..8];
        var session = await bridge.Rest.CreateSessionAsync(ConnectyCubeUserCredentials.ForLogin(login, "pw-browser"));
        return (login, session.UserId);
    }
}
