using System.Text.Json;
using SipCube.Testing;

namespace SipCube.ConnectyCube.Emulator.Tests;

/// <summary>The real connectycube@6.1.2 SDK in headless Chromium, two users calling each other through the emulator.</summary>
public sealed class BrowserSdkInteropTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(58);

    [SkippableTheory]
    [Trait("Category", "Interop")]
    [InlineData("accept-audio", 2, "audio")]
    [InlineData("accept-video", 1, "audio,video")]
    public async Task Browser_users_call_accept_connect_ice_and_hang_up(string scenario, int callType, string kinds)
    {
        var result = await RunAsync(scenario);
        Assert.Equal(callType, result.GetProperty("call").GetProperty("callType").GetInt32());
        Assert.Equal(result.GetProperty("callerId").GetInt32(), result.GetProperty("call").GetProperty("callerId").GetInt32());
        Assert.Equal("Browser caller", result.GetProperty("call").GetProperty("userInfo").GetProperty("callerName").GetString());
        Assert.Equal(result.GetProperty("calleeId").GetInt32(), result.GetProperty("accept").GetProperty("uid").GetInt32());
        Assert.Equal(kinds, string.Join(',', result.GetProperty("callerRemote").GetProperty("kinds").EnumerateArray().Select(k => k.GetString())));
        Assert.Equal(kinds, string.Join(',', result.GetProperty("calleeRemote").GetProperty("kinds").EnumerateArray().Select(k => k.GetString())));
        Assert.All(result.GetProperty("callerIce").EnumerateArray(), s => Assert.Contains(s.GetString(), new[] { "connected", "completed" }));
        Assert.All(result.GetProperty("calleeIce").EnumerateArray(), s => Assert.Contains(s.GetString(), new[] { "connected", "completed" }));
        Assert.Equal(result.GetProperty("callerId").GetInt32(), result.GetProperty("calleeStop").GetProperty("uid").GetInt32());
    }

    [SkippableFact]
    [Trait("Category", "Interop")]
    public async Task Browser_callee_rejects_and_the_caller_sees_it()
    {
        var result = await RunAsync("reject");
        Assert.Equal(result.GetProperty("calleeId").GetInt32(), result.GetProperty("reject").GetProperty("uid").GetInt32());
        Assert.Equal("busy", result.GetProperty("reject").GetProperty("userInfo").GetProperty("reason").GetString());
    }

    [SkippableFact]
    [Trait("Category", "Interop")]
    public async Task Unanswered_browser_call_ends_in_not_answer()
    {
        var result = await RunAsync("no-answer");
        Assert.Equal(result.GetProperty("calleeId").GetInt32(), result.GetProperty("notAnswer").GetProperty("uid").GetInt32());
        Assert.DoesNotContain("accept", result.GetProperty("callerEvents").EnumerateArray().Select(e => e.GetString()));
    }

    private static async Task<JsonElement> RunAsync(string scenario)
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("node");
        await using var emulator = await ConnectyCubeEmulatorHost.StartAsync(new EmulatorOptions { Url = "http://127.0.0.1:0" });
        var api = emulator.ApiUri.ToString().TrimEnd('/');
        return await NodePeer.RunAsync(
            "SipCube.ConnectyCube.Emulator.Tests/browser/sdk-call.mjs", Timeout, scenario, api, emulator.ChatUri.ToString(), Guid.NewGuid().ToString("N")[..8]);
    }
}
