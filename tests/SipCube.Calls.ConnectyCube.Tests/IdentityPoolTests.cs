using System.Diagnostics.Metrics;
using SipCube.Calls.ConnectyCube.Tests.Fakes;
using SipCube.Contracts.Mappings;

namespace SipCube.Calls.ConnectyCube.Tests;

/// <summary>The pool against the emulator: one login per phone, logout on release, refusals not retried.</summary>
public sealed class IdentityPoolTests : IAsyncLifetime
{
    private BridgeHarness bridge = null!;

    public async Task InitializeAsync() => bridge = await BridgeHarness.StartAsync();

    public async Task DisposeAsync() => await bridge.DisposeAsync();

    [Fact]
    public async Task Registering_twice_logs_in_once_and_release_logs_out()
    {
        var phone = await bridge.CreatePhoneAsync("3001");
        var userId = (int)phone.ConnectyCubeUserId!.Value;

        Assert.True(await bridge.Pool.EnsureLoggedInAsync(phone, CancellationToken.None));
        var first = bridge.Pool.Find(phone.SipUri)!.Identity;
        Assert.True(await bridge.Pool.EnsureLoggedInAsync(phone, CancellationToken.None));
        Assert.Same(first, bridge.Pool.Find(phone.SipUri)!.Identity);
        Assert.Equal(1, bridge.Pool.LoggedInCount);
        Assert.True(bridge.Pool.IsLoggedIn(phone.SipUri));
        Assert.True(bridge.Emulator.IsChatOnline(userId, 1));

        await bridge.Pool.ReleaseAsync(phone.SipUri);
        Assert.False(bridge.Pool.IsLoggedIn(phone.SipUri));
        Assert.Equal(0, bridge.Pool.LoggedInCount);
        await Eventually.TrueAsync(() => !bridge.Emulator.IsChatOnline(userId, 1), "the chat session closed");
        await bridge.Pool.ReleaseAsync(phone.SipUri);
    }

    [Fact]
    public async Task Logged_in_gauge_follows_registration()
    {
        using var meters = new TestMeterFactory();
        await using var pool = new ConnectyCubeIdentityPool(bridge.Tokens, bridge.ChatOptions, meterFactory: meters);
        using var listener = new MeterListener();
        var value = -1;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "sipcube.connectycube.identities.logged_in")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, v, _, _) => value = v);
        listener.Start();
        var phone = await bridge.CreatePhoneAsync("3006");

        listener.RecordObservableInstruments();
        Assert.Equal(0, value);
        Assert.True(await pool.EnsureLoggedInAsync(phone, CancellationToken.None));
        listener.RecordObservableInstruments();
        Assert.Equal(1, value);
        await pool.ReleaseAsync(phone.SipUri);
        listener.RecordObservableInstruments();
        Assert.Equal(0, value);
    }

    [Fact]
    public async Task Mapping_without_credentials_or_with_a_wrong_password_is_refused()
    {
        var phone = await bridge.CreatePhoneAsync("3002");
        Assert.False(await bridge.Pool.EnsureLoggedInAsync(phone with { ConnectyCube = null }, CancellationToken.None));

        var wrong = phone with { ConnectyCube = new ConnectyCubeCredentials(phone.ConnectyCube!.Login, "not-the-password") };
        var started = DateTime.UtcNow;
        Assert.False(await bridge.Pool.EnsureLoggedInAsync(wrong, CancellationToken.None));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "a refused login is not retried");
        Assert.Equal(0, bridge.Pool.LoggedInCount);
    }

    [Fact]
    public async Task New_credentials_replace_the_login()
    {
        var phone = await bridge.CreatePhoneAsync("3003");
        var other = await bridge.CreatePhoneAsync("3004");
        Assert.True(await bridge.Pool.EnsureLoggedInAsync(phone, CancellationToken.None));

        var moved = phone with { ConnectyCube = other.ConnectyCube, ConnectyCubeUserId = other.ConnectyCubeUserId };
        Assert.True(await bridge.Pool.EnsureLoggedInAsync(moved, CancellationToken.None));
        Assert.Equal(other.ConnectyCubeUserId, bridge.Pool.Find(phone.SipUri)!.UserId);
        await Eventually.TrueAsync(() => !bridge.Emulator.IsChatOnline((int)phone.ConnectyCubeUserId!.Value, 1), "the old login closed");
        Assert.Equal(1, bridge.Pool.LoggedInCount);
    }

    [Fact]
    public async Task Unreachable_server_is_retried_a_bounded_number_of_times()
    {
        using var http = new HttpClient();
        var port = SipCube.Testing.FreePort.Tcp();
        var rest = new SipCube.ConnectyCube.Rest.ConnectyCubeRestClient(http, new SipCube.ConnectyCube.Rest.ConnectyCubeRestOptions
        {
            ApiUrl = new Uri($"http://127.0.0.1:{port}"),
            ApplicationId = 1,
            AuthKey = "k",
        });
        await using var pool = new ConnectyCubeIdentityPool(
            new SipCube.ConnectyCube.Rest.ConnectyCubeTokenCache(rest),
            new SipCube.ConnectyCube.ConnectyCubeChatOptions { ChatUrl = new Uri($"ws://127.0.0.1:{port}/ws"), ChatDomain = "127.0.0.1" },
            new ConnectyCubeIdentityPoolOptions { LoginAttempts = 3, RetryDelay = TimeSpan.FromMilliseconds(10) });
        var phone = await bridge.CreatePhoneAsync("3005");

        Assert.False(await pool.EnsureLoggedInAsync(phone, CancellationToken.None).WaitAsync(BridgeHarness.Wait));
        Assert.False(pool.IsLoggedIn(phone.SipUri));
    }
}
