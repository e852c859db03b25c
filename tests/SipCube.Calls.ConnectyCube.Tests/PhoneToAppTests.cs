using SipCube.Calls.ConnectyCube.Tests.Fakes;
using SipCube.ConnectyCube.Signaling;
using SipCube.Contracts.Mappings;

namespace SipCube.Calls.ConnectyCube.Tests;

/// <summary>Phone -> app over real XMPP through the emulator: the session's app leg calls as the phone's own
/// identity and the app's signals come back as events.</summary>
public sealed class PhoneToAppTests : IAsyncLifetime
{
    private BridgeHarness bridge = null!;
    private AppUser app = null!;
    private MappingIdentity phone = null!;
    private int phoneId;

    public async Task InitializeAsync()
    {
        bridge = await BridgeHarness.StartAsync();
        phone = await bridge.CreatePhoneAsync("2001", "Desk 2001");
        phoneId = (int)phone.ConnectyCubeUserId!.Value;
        Assert.True(await bridge.Pool.EnsureLoggedInAsync(phone, CancellationToken.None));
        app = await bridge.StartAppUserAsync();
    }

    public async Task DisposeAsync() => await bridge.DisposeAsync();

    [Fact]
    public async Task Call_rings_the_app_as_the_phone_and_accept_answers_the_phone()
    {
        var sip = bridge.PhoneCalls(phone, app.UserId);
        var call = await app.NextAsync(CallSignalType.Call);
        Assert.NotNull(bridge.Registry.Find(call.SessionId));
        Assert.Equal((phoneId, phoneId, CallType.Audio), (call.SenderId, call.CallerId, call.CallType));
        Assert.Equal([app.UserId], call.OpponentIds);
        Assert.Equal(("Desk 2001", "2001"), (call.UserInfo["callerName"], call.UserInfo["callerNumber"]));
        Assert.Equal("v=0\r\no=- 9 1 IN IP4 127.0.0.1\r\ns=offer-to-app\r\n", call.Sdp);
        await Eventually.TrueAsync(() => sip.Has("ringing"), "the phone heard 180");

        await app.SendAsync(CallSignalType.Accept, call.SessionId, phoneId, phoneId, "v=0\r\ns=app-answer\r\n");
        await Eventually.TrueAsync(() => sip.Has("answer:" + FakeMediaBridge.AnswerToPhone), "the phone got 200");
        Assert.Equal("v=0\r\ns=app-answer\r\n", bridge.Node.Bridge!.RemoteAnswer);

        sip.Sink!.Post(new CallEvent.SipHungUp(sip.LegId));
        var hangUp = await app.NextAsync(CallSignalType.HangUp);
        Assert.Equal((call.SessionId, phoneId), (hangUp.SessionId, hangUp.SenderId));
        Assert.Equal(TerminationReason.NormalClearing, (await bridge.Node.Ended.WaitAsync(BridgeHarness.Wait)).Reason);
        await Eventually.TrueAsync(() => bridge.AppLegs.ActiveLegs == 0, "the leg was forgotten");
    }

    [Fact]
    public async Task App_hang_up_after_answer_ends_the_call_with_bye()
    {
        var sip = bridge.PhoneCalls(phone, app.UserId);
        var call = await app.NextAsync(CallSignalType.Call);
        await app.SendAsync(CallSignalType.Accept, call.SessionId, phoneId, phoneId, "v=0\r\n");
        await Eventually.TrueAsync(() => sip.HasPrefix("answer:"), "the phone got 200");

        await app.SendAsync(CallSignalType.HangUp, call.SessionId, phoneId, phoneId);
        Assert.Equal(TerminationReason.NormalClearing, (await bridge.Node.Ended.WaitAsync(BridgeHarness.Wait)).Reason);
        Assert.True(sip.Has("terminate:Bye:200"));
    }

    [Theory]
    [InlineData(true, TerminationReason.Busy, 486)]
    [InlineData(false, TerminationReason.Declined, 603)]
    public async Task App_reject_is_busy_or_declined(bool busy, TerminationReason reason, int status)
    {
        var sip = bridge.PhoneCalls(phone, app.UserId);
        var call = await app.NextAsync(CallSignalType.Call);

        await app.SendAsync(CallSignalType.Reject, call.SessionId, phoneId, phoneId, busy: busy);
        Assert.Equal(reason, (await bridge.Node.Ended.WaitAsync(BridgeHarness.Wait)).Reason);
        Assert.True(sip.Has($"terminate:Reject:{status}"));
    }

    [Fact]
    public async Task Phone_cancel_hangs_up_the_app()
    {
        var sip = bridge.PhoneCalls(phone, app.UserId);
        var call = await app.NextAsync(CallSignalType.Call);

        sip.Sink!.Post(new CallEvent.SipCancelled(sip.LegId));
        var hangUp = await app.NextAsync(CallSignalType.HangUp);
        Assert.Equal((call.SessionId, phoneId), (hangUp.SessionId, hangUp.SenderId));
        Assert.Equal(TerminationReason.Cancelled, (await bridge.Node.Ended.WaitAsync(BridgeHarness.Wait)).Reason);
        Assert.True(sip.Has("terminate:Reject:487"));
    }

    [Fact]
    public async Task Unknown_callee_is_not_found_without_a_call_signal()
    {
        var sip = bridge.PhoneCalls(phone, 987_654);
        Assert.Equal(TerminationReason.NotFound, (await bridge.Node.Ended.WaitAsync(BridgeHarness.Wait)).Reason);
        Assert.True(sip.Has("terminate:Reject:404"));
    }

    [Fact]
    public async Task Offline_callee_is_unavailable()
    {
        var offline = await bridge.CreateOfflineUserAsync();
        var sip = bridge.PhoneCalls(phone, offline);
        Assert.Equal(TerminationReason.Unavailable, (await bridge.Node.Ended.WaitAsync(BridgeHarness.Wait)).Reason);
        Assert.True(sip.Has("terminate:Reject:480"));
        Assert.False(sip.Has("ringing"));
    }

    [Fact]
    public async Task Unregistered_phone_is_logged_in_for_its_call_and_out_after_it()
    {
        var other = await bridge.CreatePhoneAsync("2002", displayName: null);
        var otherId = (int)other.ConnectyCubeUserId!.Value;
        Assert.False(bridge.Emulator.IsChatOnline(otherId, 1));

        var sip = bridge.PhoneCalls(other, app.UserId);
        var call = await app.NextAsync(CallSignalType.Call);
        Assert.Equal((otherId, "2002"), (call.CallerId, call.UserInfo["callerName"]));
        Assert.True(bridge.Emulator.IsChatOnline(otherId, 1));

        sip.Sink!.Post(new CallEvent.SipCancelled(sip.LegId));
        await bridge.Node.Ended.WaitAsync(BridgeHarness.Wait);
        await Eventually.TrueAsync(() => !bridge.Emulator.IsChatOnline(otherId, 1), "the on-demand identity logged out");
        Assert.True(bridge.Emulator.IsChatOnline(phoneId, 1));
    }

    [Fact]
    public async Task Duplicate_accepts_answer_the_phone_once()
    {
        var sip = bridge.PhoneCalls(phone, app.UserId);
        var call = await app.NextAsync(CallSignalType.Call);
        await app.SendAsync(CallSignalType.Accept, call.SessionId, phoneId, phoneId, "v=0\r\n");
        await app.SendAsync(CallSignalType.Accept, call.SessionId, phoneId, phoneId, "v=0\r\n");
        await Eventually.TrueAsync(() => sip.HasPrefix("answer:"), "the phone got 200");
        await Task.Delay(300);

        Assert.Single(sip.Log, e => e.StartsWith("answer:", StringComparison.Ordinal));
        Assert.False(bridge.Node.Ended.IsCompleted);
    }
}
