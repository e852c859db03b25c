using SipCube.ConnectyCube.Signaling;

namespace SipCube.Calls.ConnectyCube.Tests;

/// <summary>The XEP-0012 last-activity query the app legs ask before ringing, against the emulator.</summary>
public sealed class PresenceTests : IAsyncLifetime
{
    private BridgeHarness bridge = null!;

    public async Task InitializeAsync() => bridge = await BridgeHarness.StartAsync();

    public async Task DisposeAsync() => await bridge.DisposeAsync();

    [Fact]
    public async Task Online_offline_and_unknown_users_are_told_apart()
    {
        var asker = await bridge.StartAppUserAsync();
        var online = await bridge.StartAppUserAsync();
        var offline = await bridge.CreateOfflineUserAsync();

        Assert.Equal(UserPresence.Online, await asker.Signaling.QueryPresenceAsync(online.UserId, BridgeHarness.Wait));
        Assert.Equal(UserPresence.Offline, await asker.Signaling.QueryPresenceAsync(offline, BridgeHarness.Wait));
        Assert.Equal(UserPresence.Unknown, await asker.Signaling.QueryPresenceAsync(999_999, BridgeHarness.Wait));
    }

    [Fact]
    public async Task No_answer_in_time_is_indeterminate()
    {
        var asker = await bridge.StartAppUserAsync();
        await asker.Identity.Chat.DisposeAsync();

        Assert.Equal(UserPresence.Indeterminate, await asker.Signaling.QueryPresenceAsync(asker.UserId, TimeSpan.FromMilliseconds(200)));
    }
}
