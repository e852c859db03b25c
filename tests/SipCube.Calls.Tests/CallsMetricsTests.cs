using System.Diagnostics.Metrics;
using SipCube.Calls.Routing;
using SipCube.Calls.Tests.Fakes;

namespace SipCube.Calls.Tests;

public class CallsMetricsTests
{
    [Fact]
    public async Task Ended_call_is_counted_with_its_termination_and_talk_time()
    {
        using var factory = new TestMeterFactory();
        var metrics = new CallsMetrics(factory);
        var recorded = new List<(string Instrument, double Value, string? Result)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => recorded.Add((i.Name, v, Result(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => recorded.Add((i.Name, v, Result(tags))));
        listener.Start();

        var mappings = new FakeMappings();
        mappings.Mappings.Add(CallHarness.Alice);
        mappings.Mappings.Add(FakeMappings.Alias("bob", 2002));
        var clock = SipCube.Testing.TestClock.Create();
        var session = new CallSession("m1", new CallSessionServices
        {
            Router = new MappingCallRouter(mappings, mappings, new CallRoutingOptions()),
            Legs = new FreshLegFactory(),
            Events = new RecordingCallEvents(),
            Time = clock,
            Metrics = metrics,
        });
        session.Sink.Post(new CallEvent.PhoneCallStarted(new FakeSipLeg("in"), new Ports.PhoneCallRequest
        {
            SipCallId = "x",
            Caller = CallHarness.Alice,
            TargetUser = "bob",
            TargetDomain = "example.test",
            SdpOffer = "o",
        }));
        session.Sink.Post(new CallEvent.AppAccepted("a"));
        await session.ProcessPendingAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        session.Sink.Post(new CallEvent.AppHungUp());
        await session.ProcessPendingAsync(CancellationToken.None);

        Assert.Equal(
            [
                ("sipcube.calls.active", 1, null),
                ("sipcube.calls.active", -1, null),
                ("sipcube.calls.ended", 1, "success"),
                ("sipcube.call.duration", 2.0, "success"),
            ],
            recorded);
    }

    private static string? Result(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "termination.result")
            {
                return (string?)tag.Value;
            }
        }

        return null;
    }

    /// <summary>A meter factory whose meters are scoped to the test (so parallel tests do not see each other).</summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in meters)
            {
                meter.Dispose();
            }
        }
    }
}
