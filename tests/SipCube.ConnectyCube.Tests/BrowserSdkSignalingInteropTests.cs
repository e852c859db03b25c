using System.Text.Json;
using SipCube.ConnectyCube.Emulator;
using SipCube.ConnectyCube.Rest;
using SipCube.ConnectyCube.Signaling;
using SipCube.Testing;

namespace SipCube.ConnectyCube.Tests;

/// <summary>Our C# signalling against the real connectycube@6.1.2 SDK in headless Chromium, through the emulator.</summary>
public sealed class BrowserSdkSignalingInteropTests
{
    private const string Script = "SipCube.ConnectyCube.Tests/browser/csharp-peer.mjs";
    private const string Offer = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\na=ice-lite\r\n" +
        "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 127.0.0.1\r\na=rtcp-mux\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n" +
        "a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF\r\n" +
        "a=setup:actpass\r\na=mid:0\r\na=sendrecv\r\na=rtpmap:0 PCMU/8000\r\n";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(50);

    [SkippableFact]
    [Trait("Category", "Interop")]
    public async Task Our_call_fires_the_sdk_on_call_listener_with_our_user_info_and_the_browser_rejects()
    {
        await using var setup = await Setup.StartAsync();
        var rejected = new TaskCompletionSource<CallSignal>(TaskCreationOptions.RunContinuationsAsynchronously);
        setup.Bridge.Signaling.SignalReceived += s => rejected.TrySetResult(s);
        await using var browser = setup.StartBrowser("callee-reject");
        await browser.WaitForOutputAsync("READY", Wait);

        var sessionId = CallSignaling.NewSessionId();
        await setup.Bridge.Signaling.StartCallAsync(sessionId, CallType.Audio, [setup.BrowserUserId], Offer, new Dictionary<string, string> { ["callerName"] = "Desk phone 2001" });
        var reject = await rejected.Task.WaitAsync(Wait);
        var result = NodePeer.ParseResult(browser, await browser.WaitForExitAsync(Wait));

        var call = result.GetProperty("call");
        Assert.Equal("Desk phone 2001", call.GetProperty("userInfo").GetProperty("callerName").GetString());
        Assert.Equal(setup.Bridge.UserId, call.GetProperty("callerId").GetInt32());
        Assert.Equal(2, call.GetProperty("callType").GetInt32());
        Assert.Equal(sessionId, call.GetProperty("sessionId").GetString());
        Assert.Equal((CallSignalType.Reject, sessionId, setup.BrowserUserId), (reject.Type, reject.SessionId, reject.SenderId));
        Assert.Equal("declined-by-browser", reject.UserInfo["reason"]);
    }

    [SkippableFact]
    [Trait("Category", "Interop")]
    public async Task Our_hang_up_stops_the_call_in_the_browser()
    {
        await using var setup = await Setup.StartAsync();
        await using var browser = setup.StartBrowser("callee-wait-stop");
        await browser.WaitForOutputAsync("READY", Wait);
        var sessionId = CallSignaling.NewSessionId();
        await setup.Bridge.Signaling.StartCallAsync(sessionId, CallType.Audio, [setup.BrowserUserId], Offer);
        await WaitForOutput(browser, "CALL");

        await setup.Bridge.Signaling.SendAsync(setup.BrowserUserId, new CallSignal
        {
            Type = CallSignalType.HangUp,
            SessionId = sessionId,
            CallType = CallType.Audio,
            CallerId = setup.Bridge.UserId,
            OpponentIds = [setup.BrowserUserId],
        });
        var result = NodePeer.ParseResult(browser, await browser.WaitForExitAsync(Wait));
        Assert.Equal(setup.Bridge.UserId, result.GetProperty("stop").GetProperty("uid").GetInt32());
    }

    [SkippableFact]
    [Trait("Category", "Interop")]
    public async Task Browser_call_reaches_us_and_our_reject_reaches_the_browser()
    {
        await using var setup = await Setup.StartAsync();
        setup.Bridge.Signaling.SignalReceived += s =>
        {
            if (s.Type == CallSignalType.Call)
            {
                _ = setup.Bridge.Signaling.SendAsync(s.SenderId, new CallSignal
                {
                    Type = CallSignalType.Reject,
                    SessionId = s.SessionId,
                    CallType = s.CallType,
                    CallerId = s.CallerId,
                    OpponentIds = s.OpponentIds,
                    UserInfo = new Dictionary<string, string> { ["busy"] = "true" },
                });
            }
        };
        await using var browser = setup.StartBrowser("caller-expect-reject", setup.Bridge.UserId);
        var result = NodePeer.ParseResult(browser, await browser.WaitForExitAsync(Wait));
        Assert.Equal(setup.Bridge.UserId, result.GetProperty("reject").GetProperty("uid").GetInt32());
        Assert.Equal("true", result.GetProperty("reject").GetProperty("userInfo").GetProperty("busy").GetString());
    }

    [SkippableFact]
    [Trait("Category", "Interop")]
    public async Task Browser_call_and_hang_up_arrive_as_typed_signals()
    {
        await using var setup = await Setup.StartAsync();
        var signals = new List<CallSignal>();
        var hungUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        setup.Bridge.Signaling.SignalReceived += s =>
        {
            lock (signals)
            {
                signals.Add(s);
            }

            if (s.Type == CallSignalType.HangUp)
            {
                hungUp.TrySetResult();
            }
        };
        await using var browser = setup.StartBrowser("caller-hangup", setup.Bridge.UserId);
        await hungUp.Task.WaitAsync(Wait);
        var result = NodePeer.ParseResult(browser, await browser.WaitForExitAsync(Wait));

        lock (signals)
        {
            var call = signals.First(s => s.Type == CallSignalType.Call);
            Assert.Equal(result.GetProperty("sessionId").GetString(), call.SessionId);
            Assert.Equal((result.GetProperty("userId").GetInt32(), CallType.Audio, "web"), (call.CallerId, call.CallType, call.Platform));
            Assert.Equal([setup.Bridge.UserId], call.OpponentIds);
            Assert.StartsWith("v=0\r\n", call.Sdp, StringComparison.Ordinal);
            Assert.Equal("Browser", call.UserInfo["callerName"]);
            Assert.Single(signals, s => s.Type == CallSignalType.Call);
            Assert.Contains(signals, s => s.Type == CallSignalType.HangUp && s.SessionId == call.SessionId);
        }
    }

    private static async Task WaitForOutput(PeerProcess peer, string text) => await peer.WaitForOutputAsync(text, Wait);

    private sealed class Setup : IAsyncDisposable
    {
        private readonly HttpClient _http;

        private Setup(ConnectyCubeEmulatorHost emulator, HttpClient http, ConnectyCubeChatIdentity bridge, int browserUserId, string browserLogin)
        {
            Emulator = emulator;
            _http = http;
            Bridge = bridge;
            BrowserUserId = browserUserId;
            BrowserLogin = browserLogin;
        }

        public ConnectyCubeEmulatorHost Emulator { get; }

        public ConnectyCubeChatIdentity Bridge { get; }

        public int BrowserUserId { get; }

        public string BrowserLogin { get; }

        public static async Task<Setup> StartAsync()
        {
            InteropPeer.RequirePrivateNetwork();
            InteropPeer.Require("node");
            var emulator = await ConnectyCubeEmulatorHost.StartAsync(new EmulatorOptions { Url = "http://127.0.0.1:0" });
            var http = new HttpClient();
            var rest = new ConnectyCubeRestClient(http, new ConnectyCubeRestOptions { ApiUrl = emulator.ApiUri, ApplicationId = 1, AuthKey = "sipcube-local" });
            var tokens = new ConnectyCubeTokenCache(rest);
            var login = "browser-" + Guid.NewGuid().ToString("N")[..8];
            var browserUser = await rest.CreateSessionAsync(ConnectyCubeUserCredentials.ForLogin(login, "pw-browser"));
            var bridge = await ConnectyCubeChatIdentity.StartAsync(
                tokens, ConnectyCubeUserCredentials.ForLogin("bridge-" + login, "pw-bridge"), new ConnectyCubeChatOptions { ChatUrl = emulator.ChatUri, ChatDomain = "127.0.0.1" });
            await bridge.Chat.WaitOnlineAsync(Wait);
            return new Setup(emulator, http, bridge, browserUser.UserId, login);
        }

        public PeerProcess StartBrowser(string scenario, int peerId = 0) => NodePeer.Start(
            Script, scenario, Emulator.ApiUri.ToString().TrimEnd('/'), Emulator.ChatUri.ToString(), BrowserLogin, "pw-browser",
            peerId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public async ValueTask DisposeAsync()
        {
            await Bridge.DisposeAsync();
            await Emulator.DisposeAsync();
            _http.Dispose();
        }
    }
}
