using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SipCube.Calls.Ports;

namespace SipCube.Calls.Sip.Tests;

public class SipCallsMetricsTests
{
    [Fact]
    public async Task Inbound_outcomes_and_live_legs_are_counted()
    {
        var measurements = new ConcurrentQueue<(string Name, long Value, string? Tag)>();
        using var listener = new MeterListener();
        await using var bed = new SipEdgeTestBed();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == bed.Legs.Metrics.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? tag = null;
            foreach (var t in tags)
            {
                tag = t.Value?.ToString();
            }

            measurements.Enqueue((instrument.Name, value, tag));
        });
        listener.Start();

        await bed.SendAsync(PhoneMessages.Invite());
        await bed.SendAsync(PhoneMessages.Authorized(await bed.ResponseAsync(407)));
        await (await bed.AppLegAsync()).Called.Task.WaitAsync(TimeSpan.FromSeconds(15));
        bed.Registry.Find("ph-call-1")!.Sink.Post(new CallEvent.AppRejected(Busy: true));
        await bed.ResponseAsync(486);
        await bed.EndedAsync();

        var inbound = measurements.Where(m => m.Name == "sipcube.sip.calls.inbound_invites").Select(m => m.Tag).ToList();
        Assert.Contains("challenged", inbound);
        Assert.Contains("started", inbound);
        var legs = measurements.Where(m => m.Name == "sipcube.sip.calls.legs.active").Select(m => m.Value).ToList();
        Assert.Equal([1L, -1L], legs);
    }
}
