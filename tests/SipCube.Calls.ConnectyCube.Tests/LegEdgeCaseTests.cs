using SipCube.Calls.ConnectyCube.Tests.Fakes;
using SipCube.Calls.Ports;
using SipCube.ConnectyCube.Signaling;
using SipCube.Contracts.Mappings;

namespace SipCube.Calls.ConnectyCube.Tests;

/// <summary>Idempotent ports, refusals and node drain, over the emulator.</summary>
public sealed class LegEdgeCaseTests : IAsyncLifetime
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
        bridge.Node.Phone = phone;
        Assert.True(await bridge.Pool.EnsureLoggedInAsync(phone, CancellationToken.None));
        app = await bridge.StartAppUserAsync();
    }

    public async Task DisposeAsync() => await bridge.DisposeAsync();

    [Fact]
    public async Task Calling_and_ending_twice_sends_each_signal_once()
    {
        var raw = new List<CallSignalType>();
        app.Identity.Chat.StanzaReceived += s =>
        {
            if (CallSignalCodec.Decode(s).Signal is { } signal)
            {
                lock (raw)
                {
                    raw.Add(signal.Type);
                }
            }
        };
        var session = new CallSession("idempotent", new CallSessionServices { Router = bridge.Node, Legs = bridge.Node, Events = bridge.Node });
        var leg = bridge.AppLegs.Create("idempotent", session.Sink);
        var target = new AppCallTarget(app.UserId, phone);

        await leg.CallAsync(target, "v=0\r\n", CancellationToken.None);
        await leg.CallAsync(target, "v=0\r\n", CancellationToken.None);
        await leg.AcceptAsync("v=0\r\n", CancellationToken.None);
        await leg.EndAsync(AppEnding.HangUp, CancellationToken.None);
        await leg.EndAsync(AppEnding.Reject, CancellationToken.None);
        await Eventually.TrueAsync(() => Count(raw, CallSignalType.HangUp) == 1, "the hang-up arrived");
        await Task.Delay(300);

        Assert.Equal([CallSignalType.Call, CallSignalType.HangUp], Snapshot(raw));
        Assert.Equal(0, bridge.AppLegs.ActiveLegs);
    }

    [Fact]
    public async Task Caller_without_a_ConnectyCube_identity_fails_the_app_leg()
    {
        var sip = bridge.PhoneCalls(phone with { SipUri = "sip:nocc@example.test", ConnectyCube = null }, app.UserId);

        Assert.Equal(TerminationReason.UpstreamFailure, (await bridge.Node.Ended.WaitAsync(BridgeHarness.Wait)).Reason);
        Assert.True(sip.HasPrefix("terminate:Reject:5"));
    }

    [Fact]
    public async Task Call_without_an_offer_is_rejected()
    {
        var sessionId = CallSignaling.NewSessionId();
        await app.Signaling.SendAsync(phoneId, new CallSignal
        {
            Type = CallSignalType.Call,
            SessionId = sessionId,
            CallerId = app.UserId,
            OpponentIds = [phoneId],
        });

        var reject = await app.NextAsync(CallSignalType.Reject);
        Assert.Equal(sessionId, reject.SessionId);
        Assert.Equal(0, bridge.Node.AppRoutes);
    }

    [Fact]
    public async Task Drain_ends_a_ringing_app_call_with_a_signal_to_the_app()
    {
        var sessionId = await app.CallAsync(phoneId);
        var fork = await bridge.ForkAsync();
        await Eventually.TrueAsync(() => fork.HasPrefix("invite:"), "the phone was invited");

        await bridge.Registry.DrainAsync(CancellationToken.None).WaitAsync(BridgeHarness.Wait);
        var expected = TerminationTable.Get(TerminationReason.NodeShutdown).AppEnding == AppEnding.HangUp ? CallSignalType.HangUp : CallSignalType.Reject;
        var ending = await app.NextAsync(expected);
        Assert.Equal((sessionId, phoneId), (ending.SessionId, ending.SenderId));
        Assert.Equal(TerminationReason.NodeShutdown, (await bridge.Node.Ended.WaitAsync(BridgeHarness.Wait)).Reason);
    }

    private static int Count(List<CallSignalType> raw, CallSignalType type)
    {
        lock (raw)
        {
            return raw.Count(t => t == type);
        }
    }

    private static List<CallSignalType> Snapshot(List<CallSignalType> raw)
    {
        lock (raw)
        {
            return [.. raw];
        }
    }
}
