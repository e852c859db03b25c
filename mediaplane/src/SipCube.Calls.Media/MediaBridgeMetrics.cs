using System.Diagnostics.Metrics;
using SipCube.Calls.Ports;

namespace SipCube.Calls.Media;

/// <summary>The <c>SipCube.Calls.Media</c> meter: bridges holding ports, relays started per codec, negotiation
/// failures and media timeouts. Per-packet counts live in each call's CDR (<see cref="MediaBridgeStats"/>).</summary>
public sealed class MediaBridgeMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "SipCube.Calls.Media";

    private readonly UpDownCounter<long> active;
    private readonly Counter<long> relays;
    private readonly Counter<long> failures;
    private readonly Counter<long> timeouts;
    private readonly UpDownCounter<long> transcoding;
    private readonly Counter<long> dtmf;

    /// <summary>Creates the instruments from <paramref name="meterFactory"/>.</summary>
    public MediaBridgeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        active = meter.CreateUpDownCounter<long>("sipcube.media.bridges.active", "{bridge}", "Bridges holding a phone port pair and a WebRTC port.");
        relays = meter.CreateCounter<long>("sipcube.media.relays.started", "{relay}", "Calls whose media started relaying, by passthrough codec.");
        failures = meter.CreateCounter<long>("sipcube.media.negotiation.failed", "{failure}", "Offers/answers that could not be bridged, by reason.");
        timeouts = meter.CreateCounter<long>("sipcube.media.timeouts", "{timeout}", "Answered calls whose media stopped, by side.");
        transcoding = meter.CreateUpDownCounter<long>("sipcube.media.transcoding.sessions", "{session}", "Calls being transcoded now, by codec pair (phone-app).");
        dtmf = meter.CreateCounter<long>("sipcube.media.dtmf.events", "{event}", "DTMF digits relayed, by direction and source (rfc4733 or info).");
    }

    internal void Opened() => active.Add(1);

    internal void Closed() => active.Add(-1);

    internal void Relaying(string codec) => relays.Add(1, new KeyValuePair<string, object?>("codec", codec));

    internal void Incompatible() => failures.Add(1, new KeyValuePair<string, object?>("reason", "incompatible_media"));

    internal void PortsExhausted() => failures.Add(1, new KeyValuePair<string, object?>("reason", "ports_exhausted"));

    internal void TranscodingStarted(string pair) => transcoding.Add(1, new KeyValuePair<string, object?>("codec.pair", pair));

    internal void TranscodingStopped(string pair) => transcoding.Add(-1, new KeyValuePair<string, object?>("codec.pair", pair));

    internal void Dtmf(string direction, string source) =>
        dtmf.Add(1, new KeyValuePair<string, object?>("direction", direction), new KeyValuePair<string, object?>("source", source));

    internal void TimedOut(MediaSide side) =>
        timeouts.Add(1, new KeyValuePair<string, object?>("media.side", side == MediaSide.Sip ? "sip" : "app"));
}
