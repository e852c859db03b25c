using System.Diagnostics.Metrics;

namespace SipCube.ControlPlane;

/// <summary>The control plane's meter <c>SipCube.ControlPlane</c> (one per library, from <see cref="IMeterFactory"/>).</summary>
public sealed class ControlPlaneMetrics
{
    /// <summary>Meter name.</summary>
    public const string MeterName = "SipCube.ControlPlane";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _lookups;
    private readonly Counter<long> _cdrs;

    /// <summary>Creates the instruments.</summary>
    public ControlPlaneMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("sipcube.controlplane.requests", "{request}", "Control API requests by route and status");
        _lookups = meter.CreateCounter<long>("sipcube.controlplane.mapping.lookups", "{lookup}", "Mapping lookups by key kind and cache result");
        _cdrs = meter.CreateCounter<long>("sipcube.controlplane.cdrs.ingested", "{cdr}", "CDR ingestion attempts by outcome");
    }

    internal void RequestHandled(string route, int status) =>
        _requests.Add(1, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("http.response.status_code", status));

    internal void Lookup(string key, bool hit) =>
        _lookups.Add(1, new KeyValuePair<string, object?>("key", key), new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    internal void LookupServedStale(string key) =>
        _lookups.Add(1, new KeyValuePair<string, object?>("key", key), new KeyValuePair<string, object?>("result", "stale"));

    internal void CdrIngested(string outcome) => _cdrs.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
