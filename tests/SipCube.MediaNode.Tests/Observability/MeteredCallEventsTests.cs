using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SipCube.Calls;
using SipCube.Calls.Ports;
using SipCube.Contracts.Cdrs;
using SipCube.MediaNode.Observability;

namespace SipCube.MediaNode.Tests.Observability;

public sealed class MeteredCallEventsTests
{
    private sealed class Recorder : ICallEvents
    {
        public List<string> Events { get; } = [];

        public void CallAnswered(string callId, CallDirection direction) => Events.Add("answered " + callId);

        public void CallEnded(CallDetailRecord record, Termination termination) => Events.Add("ended " + record.CallId);
    }

    private sealed record Measurement(string Instrument, double Value, Dictionary<string, string?> Tags);

    [Fact]
    public void Answered_call_records_setup_outcome_quality_and_passes_events_on()
    {
        using var provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        var measurements = new List<Measurement>();
        using var listener = Listen(factory, measurements);
        var inner = new Recorder();
        var events = new MeteredCallEvents(inner, new CallQualityMetrics(factory));
        var start = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
        var record = new CallDetailRecord
        {
            CallId = "c1",
            Direction = CallDirection.SipToConnectyCube,
            StartUtc = start,
            AnswerUtc = start.AddSeconds(2.5),
            EndUtc = start.AddSeconds(30),
            TerminationCause = "normal_clearing",
            SipStatus = 200,
            SipLeg = new CallLegRecord { PacketsReceived = 90, PacketsLost = 10, JitterMs = 4.5, Mos = 4.1 },
            WebRtcLeg = new CallLegRecord { PacketsReceived = 100 },
            MediaNodeId = "node1",
        };

        events.CallAnswered("c1", CallDirection.SipToConnectyCube);
        events.CallEnded(record, new Termination(TerminationResult.Success, TerminationReason.NormalClearing));

        Assert.Equal(["answered c1", "ended c1"], inner.Events);
        Assert.Equal([1d, -1d], measurements.Where(m => m.Instrument == "sipcube.calls.connected").Select(m => m.Value));
        Assert.All(measurements.Where(m => m.Instrument == "sipcube.calls.connected"), m => Assert.Equal("sip_to_app", m.Tags["direction"]));
        Assert.Equal(2.5, Assert.Single(measurements, m => m.Instrument == "sipcube.call.setup.duration").Value);
        var outcome = Assert.Single(measurements, m => m.Instrument == "sipcube.call.outcomes");
        Assert.Equal("normal_clearing", outcome.Tags["termination.cause"]);
        Assert.Equal("2xx", outcome.Tags["sip.status_class"]);
        Assert.Equal(4.5, Assert.Single(measurements, m => m.Instrument == "sipcube.call.jitter").Value);
        Assert.Equal(4.1, Assert.Single(measurements, m => m.Instrument == "sipcube.call.mos").Value);
        var losses = measurements.Where(m => m.Instrument == "sipcube.call.packet_loss").ToDictionary(m => m.Tags["leg"]!, m => m.Value);
        Assert.Equal(0.1, losses["sip"], 6);
        Assert.Equal(0, losses["webrtc"]);
    }

    [Fact]
    public void Unanswered_call_counts_an_outcome_only()
    {
        using var provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        var measurements = new List<Measurement>();
        using var listener = Listen(factory, measurements);
        var events = new MeteredCallEvents(new Recorder(), new CallQualityMetrics(factory));
        var start = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

        events.CallEnded(new CallDetailRecord
        {
            CallId = "c2",
            Direction = CallDirection.ConnectyCubeToSip,
            StartUtc = start,
            EndUtc = start.AddSeconds(5),
            TerminationCause = "busy",
            SipStatus = 486,
            MediaNodeId = "node1",
        }, new Termination(TerminationResult.ClientError, TerminationReason.Busy));

        var outcome = Assert.Single(measurements);
        Assert.Equal("sipcube.call.outcomes", outcome.Instrument);
        Assert.Equal("app_to_sip", outcome.Tags["direction"]);
        Assert.Equal("4xx", outcome.Tags["sip.status_class"]);
    }

    private static MeterListener Listen(IMeterFactory factory, List<Measurement> into)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => into.Add(new(i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => into.Add(new(i.Name, v, ToDictionary(tags))));
        listener.Start();
        return listener;
    }

    private static Dictionary<string, string?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value?.ToString();
        }

        return result;
    }
}
