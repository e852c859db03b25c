using System.Diagnostics.Metrics;
using SipCube.Contracts.Cdrs;

namespace SipCube.MediaNode.Observability;

/// <summary>
/// The node's per-call metrics read from call events and CDRs (meter <c>SipCube.MediaNode.Calls</c>): connected calls and
/// call setup time by direction, outcomes by cause, and jitter, loss and MOS per leg. The bridge's own meter
/// (<c>SipCube.Calls</c>) counts live calls; these are the views an operator alerts on that need the CDR.
/// </summary>
/// <remarks>Tags stay low-cardinality: direction, termination cause, SIP status class, leg (sip / webrtc).</remarks>
internal sealed class CallQualityMetrics
{
    public const string MeterName = "SipCube.MediaNode.Calls";

    private readonly UpDownCounter<long> connected;
    private readonly Histogram<double> setup;
    private readonly Counter<long> outcomes;
    private readonly Histogram<double> jitter;
    private readonly Histogram<double> loss;
    private readonly Histogram<double> mos;

    public CallQualityMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        connected = meter.CreateUpDownCounter<long>("sipcube.calls.connected", "{call}", "Answered calls not yet ended, by direction.");
        setup = meter.CreateHistogram<double>("sipcube.call.setup.duration", "s", "Time from a call's start to its answer, by direction.");
        outcomes = meter.CreateCounter<long>("sipcube.call.outcomes", "{call}", "Ended calls by direction, termination cause and SIP status class.");
        jitter = meter.CreateHistogram<double>("sipcube.call.jitter", "ms", "Interarrival jitter at the end of each answered call's leg.");
        loss = meter.CreateHistogram<double>("sipcube.call.packet_loss", "1", "Fraction of packets lost over each answered call's leg.");
        mos = meter.CreateHistogram<double>("sipcube.call.mos", "{mos}", "Estimated MOS (1-5) of each answered call's leg.");
    }

    public void Answered(CallDirection direction) => connected.Add(1, Direction(direction));

    public void Ended(CallDetailRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var direction = Direction(record.Direction);
        outcomes.Add(1, direction, new("termination.cause", record.TerminationCause), new("sip.status_class", StatusClass(record.SipStatus)));
        if (record.AnswerUtc is not { } answer)
        {
            return;
        }

        connected.Add(-1, direction);
        setup.Record(Math.Max(0, (answer - record.StartUtc).TotalSeconds), direction);
        RecordLeg(record.SipLeg, "sip");
        RecordLeg(record.WebRtcLeg, "webrtc");
    }

    private void RecordLeg(CallLegRecord? leg, string name)
    {
        if (leg is null)
        {
            return;
        }

        var tag = new KeyValuePair<string, object?>("leg", name);
        if (leg.JitterMs is { } j)
        {
            jitter.Record(j, tag);
        }

        var expected = leg.PacketsReceived + leg.PacketsLost;
        if (expected > 0)
        {
            loss.Record((double)leg.PacketsLost / expected, tag);
        }

        if (leg.Mos is { } m)
        {
            mos.Record(m, tag);
        }
    }

    private static KeyValuePair<string, object?> Direction(CallDirection direction) =>
        new("direction", direction switch
        {
            CallDirection.SipToConnectyCube => "sip_to_app",
            CallDirection.ConnectyCubeToSip => "app_to_sip",
            CallDirection.SipToSip => "sip_to_sip",
            _ => "unknown",
        });

    private static string StatusClass(int? status) => status switch
    {
        null => "none",
        < 200 => "1xx",
        < 300 => "2xx",
        < 400 => "3xx",
        < 500 => "4xx",
        < 600 => "5xx",
        _ => "6xx",
    };
}
