using System.Diagnostics.Metrics;

namespace SipCube.Calls.Sip;

/// <summary>The SIP edge's instruments (one Meter, names <c>sipcube.sip.calls.*</c>).</summary>
/// <remarks>STYLE.md §7: one metrics class per library, built from <see cref="IMeterFactory"/>; tags stay low-cardinality
/// (an outcome word or a status class, never a URI or Call-ID).</remarks>
public sealed class SipCallsMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "SipCube.Calls.Sip";

    private readonly Meter _meter;
    private readonly Counter<long> _inbound;
    private readonly Counter<long> _outbound;
    private readonly UpDownCounter<long> _dialogs;
    private readonly Counter<long> _reoffers;
    private readonly Histogram<double> _reofferDuration;
    private readonly Counter<long> _dtmfInfo;

    /// <summary>Creates the instruments from <paramref name="meterFactory"/> (or a private meter when null).</summary>
    public SipCallsMetrics(IMeterFactory? meterFactory)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _inbound = _meter.CreateCounter<long>("sipcube.sip.calls.inbound_invites",
            description: "New INVITEs from phones, by outcome (started, challenged, forbidden, refused, unavailable)");
        _outbound = _meter.CreateCounter<long>("sipcube.sip.calls.outbound_finals",
            description: "Final responses to the bridge's INVITEs, by status class (2xx..6xx, timeout)");
        _dialogs = _meter.CreateUpDownCounter<long>("sipcube.sip.calls.legs.active",
            description: "SIP legs in-dialog requests can reach (inbound from the INVITE, outbound from the 2xx)");
        _reoffers = _meter.CreateCounter<long>("sipcube.sip.calls.reoffers",
            description: "Mid-call offers from phones (re-INVITE, UPDATE), by method and final status");
        _reofferDuration = _meter.CreateHistogram<double>("sipcube.sip.calls.reoffer.duration", "ms",
            "Time from a phone's re-offer to our final response (the call's media update included)");
        _dtmfInfo = _meter.CreateCounter<long>("sipcube.sip.calls.dtmf_info",
            description: "SIP INFO requests in calls, by outcome (digit, malformed, unsupported, bad_package)");
    }

    /// <summary>The meter (tests listen to this instance only).</summary>
    internal Meter Meter => _meter;

    internal void Inbound(string outcome) => _inbound.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    internal void OutboundFinal(int status) =>
        _outbound.Add(1, new KeyValuePair<string, object?>("status_class", status == 0 ? "timeout" : (status / 100) + "xx"));

    internal void LegsChanged(int delta) => _dialogs.Add(delta);

    internal void Reoffer(string method, int status, TimeSpan? elapsed = null)
    {
        var methodTag = new KeyValuePair<string, object?>("method", method);
        var statusTag = new KeyValuePair<string, object?>("status", status);
        _reoffers.Add(1, methodTag, statusTag);
        if (elapsed is { } duration)
        {
            _reofferDuration.Record(duration.TotalMilliseconds, methodTag, statusTag);
        }
    }

    internal void DtmfInfo(string outcome) => _dtmfInfo.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
