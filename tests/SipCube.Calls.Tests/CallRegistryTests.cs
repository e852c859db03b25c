using SipCube.Calls.Ports;
using SipCube.Calls.Routing;
using SipCube.Calls.Tests.Fakes;

namespace SipCube.Calls.Tests;

public class CallRegistryTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly FakeMappings mappings = new();
    private readonly RecordingCallEvents events = new();
    private readonly CallRegistry registry;

    public CallRegistryTests()
    {
        mappings.Mappings.Add(CallHarness.Alice);
        mappings.Mappings.Add(FakeMappings.Alias("bob", 2002));
        registry = new CallRegistry(new CallSessionServices
        {
            Router = new MappingCallRouter(mappings, mappings, new CallRoutingOptions()),
            Legs = new FreshLegFactory(),
            Events = events,
        });
    }

    private static CallEvent.PhoneCallStarted Invite(string legId) => new(new FakeSipLeg(legId), new PhoneCallRequest
    {
        SipCallId = legId,
        Caller = CallHarness.Alice,
        TargetUser = "bob",
        TargetDomain = "example.test",
        SdpOffer = "o",
    });

    [Fact]
    public async Task Started_call_is_found_by_id_and_alias_until_it_ends()
    {
        var session = registry.TryStart("c1")!;
        Assert.True(registry.TryAddAlias("sip-call-id@phone", session));
        session.Sink.Post(Invite("in1"));

        Assert.Same(session, registry.Find("c1"));
        Assert.Same(session, registry.Find("sip-call-id@phone"));

        session.Sink.Post(new CallEvent.SipCancelled("in1"));
        await session.Completion.WaitAsync(Bound);
        await WaitUntilAsync(() => registry.Count == 0);

        Assert.Null(registry.Find("c1"));
        Assert.Null(registry.Find("sip-call-id@phone"));
        Assert.Equal("cancelled", Assert.Single(events.Ended).Record.TerminationCause);
    }

    [Fact]
    public void Duplicate_ids_and_aliases_are_refused()
    {
        var first = registry.TryStart("c1")!;
        var second = registry.TryStart("c2")!;

        Assert.Null(registry.TryStart("c1"));
        Assert.True(registry.TryAddAlias("a", first));
        Assert.True(registry.TryAddAlias("a", first));
        Assert.False(registry.TryAddAlias("a", second));
    }

    [Fact]
    public async Task Drain_ends_every_live_call_with_a_cdr_and_refuses_new_ones()
    {
        for (var i = 0; i < 5; i++)
        {
            registry.TryStart($"c{i}")!.Sink.Post(Invite($"in{i}"));
        }

        await registry.DrainAsync(new CancellationTokenSource(Bound).Token);

        Assert.True(registry.IsDraining);
        Assert.Null(registry.TryStart("late"));
        Assert.Equal(5, events.Ended.Count);
        Assert.All(events.Ended, e => Assert.Equal(TerminationReason.NodeShutdown, e.Termination.Reason));
    }

    [Fact]
    public void Stop_accepting_refuses_new_calls_but_keeps_live_ones()
    {
        var live = registry.TryStart("c1")!;
        live.Sink.Post(Invite("in1"));

        registry.StopAccepting();

        Assert.True(registry.IsDraining);
        Assert.Null(registry.TryStart("late"));
        Assert.Same(live, registry.Find("c1"));
        Assert.Equal(1, registry.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }
}
