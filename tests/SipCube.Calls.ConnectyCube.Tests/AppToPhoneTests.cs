using SipCube.Calls.ConnectyCube.Tests.Fakes;
using SipCube.Calls.Ports;
using SipCube.ConnectyCube.Signaling;

namespace SipCube.Calls.ConnectyCube.Tests;

/// <summary>App -> phone over real XMPP through the emulator: a <c>call</c> to a pooled phone identity drives a real
/// <see cref="CallSession"/> (fake SIP fork, fake media bridge).</summary>
public sealed class AppToPhoneTests : IAsyncLifetime
{
    private BridgeHarness bridge = null!;
    private AppUser app = null!;
    private int phoneId;

    public async Task InitializeAsync()
    {
        bridge = await BridgeHarness.StartAsync();
        var phone = await bridge.CreatePhoneAsync("2001", "Desk 2001");
        phoneId = (int)phone.ConnectyCubeUserId!.Value;
        bridge.Node.Phone = phone;
        Assert.True(await bridge.Pool.EnsureLoggedInAsync(phone, CancellationToken.None));
        app = await bridge.StartAppUserAsync();
    }

    public async Task DisposeAsync() => await bridge.DisposeAsync();

    [Fact]
    public async Task Call_starts_a_session_with_the_app_offer_and_the_phone_answer_goes_back_as_accept()
    {
        var sessionId = await app.CallAsync(phoneId, "v=0\r\ns=app-offer\r\n", "Bob App");
        var fork = await bridge.ForkAsync();

        var request = Assert.Single(bridge.Node.AppRequests);
        Assert.Equal((sessionId, (long)app.UserId, (long)phoneId, "Bob App", "v=0\r\ns=app-offer\r\n"),
            (request.SessionId, request.CallerUserId, request.CalleeUserId, request.CallerName, request.SdpOffer));
        Assert.Equal("v=0\r\ns=app-offer\r\n", bridge.Node.Bridge!.RemoteOffer);
        await Eventually.TrueAsync(() => fork.Has("invite:" + FakeMediaBridge.OfferToPhone), "the phone was invited");
        Assert.NotNull(bridge.Registry.Find(sessionId));

        fork.Sink!.Post(new CallEvent.SipAnswered(fork.LegId, "v=0\r\ns=phone-answer\r\n"));
        var accept = await app.NextAsync(CallSignalType.Accept);
        Assert.Equal((sessionId, phoneId, FakeMediaBridge.AnswerToApp), (accept.SessionId, accept.SenderId, accept.Sdp));
        Assert.Equal((app.UserId, CallType.Audio), (accept.CallerId, accept.CallType));
        Assert.Equal([phoneId], accept.OpponentIds);

        await app.SendAsync(CallSignalType.HangUp, sessionId, phoneId, app.UserId);
        Assert.Equal(TerminationReason.NormalClearing, (await bridge.Node.Ended.WaitAsync(BridgeHarness.Wait)).Reason);
        Assert.True(fork.Has("terminate:Bye:200"));
        await Eventually.TrueAsync(() => bridge.AppLegs.ActiveLegs == 0, "the leg was forgotten");
    }

    [Fact]
    public async Task Phone_hang_up_after_answer_sends_hang_up_to_the_app()
    {
        var sessionId = await app.CallAsync(phoneId);
        var fork = await bridge.ForkAsync();
        fork.Sink!.Post(new CallEvent.SipAnswered(fork.LegId, "v=0\r\n"));
        await app.NextAsync(CallSignalType.Accept);

        fork.Sink.Post(new CallEvent.SipHungUp(fork.LegId));
        var hangUp = await app.NextAsync(CallSignalType.HangUp);
        Assert.Equal((sessionId, phoneId), (hangUp.SessionId, hangUp.SenderId));
        Assert.Equal(TerminationReason.NormalClearing, (await bridge.Node.Ended.WaitAsync(BridgeHarness.Wait)).Reason);
    }

    [Theory]
    [InlineData(486, "true")]
    [InlineData(603, null)]
    public async Task Phone_rejection_is_a_reject_signal_busy_only_for_486(int status, string? busy)
    {
        var sessionId = await app.CallAsync(phoneId);
        var fork = await bridge.ForkAsync();
        fork.Sink!.Post(new CallEvent.SipRejected(fork.LegId, status));

        var reject = await app.NextAsync(CallSignalType.Reject);
        Assert.Equal((sessionId, phoneId), (reject.SessionId, reject.SenderId));
        Assert.Equal(busy, reject.UserInfo.GetValueOrDefault("busy"));
        await bridge.Node.Ended.WaitAsync(BridgeHarness.Wait);
    }

    [Fact]
    public async Task App_hang_up_before_answer_cancels_the_phone()
    {
        var sessionId = await app.CallAsync(phoneId);
        var fork = await bridge.ForkAsync();
        await Eventually.TrueAsync(() => fork.HasPrefix("invite:"), "the phone was invited");

        await app.SendAsync(CallSignalType.HangUp, sessionId, phoneId, app.UserId);
        Assert.Equal(TerminationReason.Cancelled, (await bridge.Node.Ended.WaitAsync(BridgeHarness.Wait)).Reason);
        Assert.True(fork.HasPrefix("terminate:Cancel:"));
    }

    [Fact]
    public async Task Dialing_retransmissions_and_candidates_start_no_second_call()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var resending = await bridge.StartAppUserAsync(clock);
        var phoneChat = bridge.Pool.Find(bridge.Node.Phone!.SipUri)!.Identity!.Chat;
        var raw = 0;
        phoneChat.StanzaReceived += _ => Interlocked.Increment(ref raw);

        var sessionId = await resending.CallAsync(phoneId);
        await bridge.ForkAsync();
        for (var i = 2; i <= 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            var expected = i;
            await Eventually.TrueAsync(() => Volatile.Read(ref raw) == expected, $"call re-send {expected} arrived");
        }

        await resending.Signaling.SendAsync(phoneId, new CallSignal
        {
            Type = CallSignalType.IceCandidates,
            SessionId = sessionId,
            CallerId = resending.UserId,
            OpponentIds = [phoneId],
            IceCandidates = [new IceCandidate(0, "0", "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host")],
        });
        await Eventually.TrueAsync(() => Volatile.Read(ref raw) == 4, "the candidates arrived");

        Assert.Equal(1, bridge.Node.AppRoutes);
        Assert.Single(bridge.Node.Forks);
        Assert.Equal(1, bridge.Registry.Count);
        Assert.False(bridge.Node.Ended.IsCompleted);
    }

    [Fact]
    public async Task Call_while_draining_is_rejected()
    {
        bridge.Registry.StopAccepting();
        var sessionId = await app.CallAsync(phoneId);

        var reject = await app.NextAsync(CallSignalType.Reject);
        Assert.Equal((sessionId, phoneId), (reject.SessionId, reject.SenderId));
        Assert.Equal(0, bridge.Node.AppRoutes);
    }

    [Fact]
    public async Task Chat_drop_of_the_phone_identity_fails_the_live_call()
    {
        await app.CallAsync(phoneId);
        var fork = await bridge.ForkAsync();
        fork.Sink!.Post(new CallEvent.SipAnswered(fork.LegId, "v=0\r\n"));
        await app.NextAsync(CallSignalType.Accept);

        Assert.Equal(1, bridge.Emulator.DisconnectChat(phoneId, 1));
        Assert.Equal(TerminationReason.UpstreamFailure, (await bridge.Node.Ended.WaitAsync(BridgeHarness.Wait)).Reason);
        Assert.True(fork.Has("terminate:Bye:" + TerminationTable.Get(TerminationReason.UpstreamFailure).SipStatus));
    }
}
