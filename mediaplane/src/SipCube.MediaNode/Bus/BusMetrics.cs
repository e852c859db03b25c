using System.Diagnostics.Metrics;

namespace SipCube.MediaNode.Bus;

/// <summary>The node's bus-side metrics: <c>sipcube.outbox.depth</c> (CDRs not yet accepted by the bus).</summary>
internal static class BusMetrics
{
    public const string MeterName = "SipCube.MediaNode.Bus";

    /// <summary>Registers the outbox gauge; the meter lives as long as <paramref name="meterFactory"/>.</summary>
    public static void ObserveOutbox(IMeterFactory meterFactory, SqliteCdrOutbox outbox)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("sipcube.outbox.depth", () => outbox.Depth, "{cdr}", "CDRs written to the local outbox and not yet accepted by the bus.");
    }
}
