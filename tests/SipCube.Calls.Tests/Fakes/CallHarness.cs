using Microsoft.Extensions.Time.Testing;
using SipCube.Calls.Ports;
using SipCube.Calls.Routing;
using SipCube.Contracts.Mappings;
using SipCube.Testing;

namespace SipCube.Calls.Tests.Fakes;

/// <summary>One call session wired to fakes of every port and a fake clock, with a phone "alice" (CC 1001),
/// an app alias "bob" (CC 2002) and a phone "carol" (CC 3003) with two registered contacts.</summary>
internal sealed class CallHarness
{
    public CallHarness(CallRoutingOptions? routing = null)
    {
        Mappings.Mappings.Add(Alice);
        Mappings.Mappings.Add(FakeMappings.Alias("bob", 2002));
        Mappings.Mappings.Add(Carol);
        Mappings.Contacts[Carol.SipUri] = [new SipContact("sip:carol@10.0.0.5:5060"), new SipContact("sip:carol@10.0.0.6:5060")];
        Session = new CallSession("call-1", new CallSessionServices
        {
            Router = new MappingCallRouter(Mappings, Mappings, routing ?? new CallRoutingOptions()),
            Legs = Factory,
            Events = Events,
            Options = Options,
            Time = Clock,
        });
    }

    public static MappingIdentity Alice { get; } = FakeMappings.Phone("alice", 1001);

    public static MappingIdentity Carol { get; } = FakeMappings.Phone("carol", 3003);

    public FakeTimeProvider Clock { get; } = TestClock.Create();

    public FakeMappings Mappings { get; } = new();

    public FakeLegFactory Factory { get; } = new();

    public RecordingCallEvents Events { get; } = new();

    public CallOptions Options { get; } = new();

    public CallSession Session { get; }

    public FakeSipLeg PhoneLeg { get; } = new("inbound");

    public FakeAppLeg CallingApp { get; } = new("calling-app");

    public FakeAppLeg AppLeg => Factory.AppLeg;

    public FakeMediaBridge Bridge => Factory.Bridge;

    public IReadOnlyList<FakeSipLeg> Forks => Factory.SipLegs;

    public (Contracts.Cdrs.CallDetailRecord Record, Termination Termination) Cdr => Assert.Single(Events.Ended);

    public Task PostAsync(CallEvent callEvent)
    {
        Session.Sink.Post(callEvent);
        return Session.ProcessPendingAsync(CancellationToken.None).AsTask();
    }

    public Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return Session.ProcessPendingAsync(CancellationToken.None).AsTask();
    }

    public Task PhoneCallsAsync(string user, string domain = "example.test") =>
        PostAsync(new CallEvent.PhoneCallStarted(PhoneLeg, new PhoneCallRequest
        {
            SipCallId = "abc@phone",
            Caller = Alice,
            TargetUser = user,
            TargetDomain = domain,
            SdpOffer = "phone-offer",
        }));

    public Task AppCallsAsync(long callee = 3003) =>
        PostAsync(new CallEvent.AppCallStarted(CallingApp, new AppCallRequest
        {
            SessionId = "cc-session",
            CallerUserId = 2002,
            CalleeUserId = callee,
            SdpOffer = "app-offer",
        }));
}
