using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
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
        await using var pair = await StartPairAsync(node.Url, $"alice-{run}", 600, $"bob-{run}", 900);
        var (alice, bob) = (pair.First, pair.Second);

        await alice.CallAsync(bob.UserId);
        var incoming = await bob.WaitForEventAsync("incoming", Wait);
        Assert.Equal(alice.UserId, incoming.GetProperty("callerId").GetInt64());
        Assert.Equal(2, incoming.GetProperty("callType").GetInt32());
        Assert.Equal($"alice-{run}", incoming.GetProperty("userInfo").GetProperty("callerName").GetString());

        await bob.AnswerAsync();
        var accepted = await alice.WaitForEventAsync("accepted", Wait);
        Assert.Equal(bob.UserId, accepted.GetProperty("userId").GetInt64());
        await alice.WaitForEventAsync("connected", Wait);
        await bob.WaitForEventAsync("connected", Wait);
        await alice.WaitForEventAsync("remote-stream", Wait);
        await bob.WaitForEventAsync("remote-stream", Wait);

        var hearing = await Task.WhenAll(MeasureUntilNearAsync(alice, 900), MeasureUntilNearAsync(bob, 600));
        var (aliceHears, bobHears) = (hearing[0], hearing[1]);
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
    public async Task A_demo_page_dials_a_sip_uri_through_the_mapping_api_rejects_and_cancels()
    {
        await using var node = await StartNodeAsync(withControlPlane: true);
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var pair = await StartPairAsync(node.Url, $"carol-{run}", 700, $"dave-{run}", 1100);
        var (carol, dave) = (pair.First, pair.Second);
        var carolSip = $"sip:carol-{run}@sipcube.local";
        using (var http = new HttpClient { BaseAddress = node.Url })
        {
            using var body = new StringContent($$"""{"sipUri":"{{carolSip}}","connectyCubeUserId":{{carol.UserId}}}""", Encoding.UTF8, "application/json");
            var created = await http.PostAsync(new Uri("/api/mappings", UriKind.Relative), body);
            Assert.True(created.IsSuccessStatusCode, $"mapping: {created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }

        var dialled = await dave.CallAsync(carolSip);
        Assert.Equal(carol.UserId, dialled.GetProperty("calleeId").GetInt64());
        Assert.Equal(dave.UserId, (await carol.WaitForEventAsync("incoming", Wait)).GetProperty("callerId").GetInt64());
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

    // Both Chromiums start (and quit) at once: on a loaded 2-core box that halves the slowest part of these tests.
    private static async Task<BrowserPair> StartPairAsync(Uri node, string first, int firstHz, string second, int secondHz)
    {
        var a = AppUserBrowser.StartAsync(node, first, "pw-" + first, firstHz);
        var b = AppUserBrowser.StartAsync(node, second, "pw-" + second, secondHz);
        try
        {
            await Task.WhenAll(a, b);
        }
        catch
        {
            foreach (var started in new[] { a, b }.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        return new BrowserPair(a.Result, b.Result);
    }

    private static async Task<RunningNode> StartNodeAsync(bool withControlPlane = false)
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("node");
        var port = FreePort.Tcp();
        var data = withControlPlane ? Directory.CreateTempSubdirectory("sipcube-demo-").FullName : null;
        var app = DemoHost.Build(kestrelPort: port, dataDirectory: data);
        await app.StartAsync();
        return new RunningNode(app, new Uri($"http://127.0.0.1:{port}"), data);
    }

    private sealed record BrowserPair(AppUserBrowser First, AppUserBrowser Second) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Task.WhenAll(First.DisposeAsync().AsTask(), Second.DisposeAsync().AsTask());
    }

    private sealed record RunningNode(WebApplication App, Uri Url, string? DataDirectory) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            if (DataDirectory is not null)
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }
}
