using Microsoft.AspNetCore.Builder;
using SipCube.Testing;
using SipCube.Testing.Browser;

namespace SipCube.MediaNode.Tests.Demo;

/// <summary>
/// Two app users on the node's /demo page (the real connectycube SDK in two headless Chromiums) call each other
/// through the node's emulator: proves the page and tests/browser/app-user.mjs that the phone-to-browser
/// end-to-end tests reuse.
/// </summary>
public sealed class DemoBrowserCallTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(25);

    [SkippableFact]
    [Trait("Category", "Interop")]
    public async Task Two_demo_pages_call_answer_hear_each_others_tone_and_hang_up()
    {
        await using var node = await StartNodeAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var alice = await AppUserBrowser.StartAsync(node.Url, $"alice-{run}", "pw-alice", toneHz: 600);
        await using var bob = await AppUserBrowser.StartAsync(node.Url, $"bob-{run}", "pw-bob", toneHz: 900);

        await alice.CallAsync(bob.UserId);
        var incoming = await bob.WaitForEventAsync("incoming", Wait);
        Assert.Equal(alice.UserId, incoming.GetProperty("callerId").GetInt64());
        Assert.Equal(2, incoming.GetProperty("callType").GetInt32());

        await bob.AnswerAsync();
        var accepted = await alice.WaitForEventAsync("accepted", Wait);
        Assert.Equal(bob.UserId, accepted.GetProperty("userId").GetInt64());
        await alice.WaitForEventAsync("connected", Wait);
        await bob.WaitForEventAsync("connected", Wait);
        await alice.WaitForEventAsync("remote-stream", Wait);
        await bob.WaitForEventAsync("remote-stream", Wait);

        var aliceHears = await MeasureUntilNearAsync(alice, 900);
        var bobHears = await MeasureUntilNearAsync(bob, 600);
        Assert.True(aliceHears.IsNear(900), $"alice heard {aliceHears} instead of bob's 900 Hz");
        Assert.True(bobHears.IsNear(600), $"bob heard {bobHears} instead of alice's 600 Hz");

        var stats = await alice.GetStatsAsync();
        Assert.True(stats.PacketsReceived > 0 && stats.PacketsSent > 0, $"alice's RTP: {stats}");
        Assert.Equal("audio/opus", stats.Codec, ignoreCase: true);

        await alice.HangUpAsync();
        var aliceEnded = await alice.WaitForEventAsync("ended", Wait);
        var bobEnded = await bob.WaitForEventAsync("ended", Wait);
        Assert.Equal("local-hangup", aliceEnded.GetProperty("reason").GetString());
        Assert.Equal("remote-hangup", bobEnded.GetProperty("reason").GetString());
    }

    [SkippableFact]
    [Trait("Category", "Interop")]
    public async Task A_demo_page_rejects_a_call_and_a_caller_cancels_one_while_it_rings()
    {
        await using var node = await StartNodeAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var carol = await AppUserBrowser.StartAsync(node.Url, $"carol-{run}", "pw-carol", toneHz: 700);
        await using var dave = await AppUserBrowser.StartAsync(node.Url, $"dave-{run}", "pw-dave", toneHz: 1100);

        await dave.CallAsync(carol.UserId);
        await carol.WaitForEventAsync("incoming", Wait);
        await carol.RejectAsync("busy");
        var rejected = await dave.WaitForEventAsync("ended", Wait);
        Assert.Equal("rejected", rejected.GetProperty("reason").GetString());
        Assert.Equal("busy", rejected.GetProperty("userInfo").GetProperty("reason").GetString());
        Assert.Equal("local-reject", (await carol.WaitForEventAsync("ended", Wait)).GetProperty("reason").GetString());

        await dave.CallAsync(carol.UserId);
        await carol.WaitForEventAsync("incoming", Wait);
        await dave.HangUpAsync();
        Assert.Equal("local-hangup", (await dave.WaitForEventAsync("ended", Wait)).GetProperty("reason").GetString());
        Assert.Equal("cancelled", (await carol.WaitForEventAsync("ended", Wait)).GetProperty("reason").GetString());
    }

    // The first hundreds of milliseconds after ICE connects can still be silence on a loaded box: measure again
    // (bounded) until the tone is there, and return the last measurement either way for the assertion message.
    private static async Task<RemoteTone> MeasureUntilNearAsync(AppUserBrowser browser, int expectedHz)
    {
        RemoteTone tone = new(0, null, 0);
        for (var attempt = 0; attempt < 4 && !tone.IsNear(expectedHz); attempt++)
        {
            tone = await browser.MeasureRemoteToneAsync(1500);
        }

        return tone;
    }

    private static async Task<RunningNode> StartNodeAsync()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("node");
        var port = FreePort.Tcp();
        var app = DemoHost.Build(kestrelPort: port);
        await app.StartAsync();
        return new RunningNode(app, new Uri($"http://127.0.0.1:{port}"));
    }

    private sealed record RunningNode(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
