using System.Diagnostics;
using System.Diagnostics.Metrics;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;

namespace SipCube.Sip.Diagnostics;

/// <summary>The SIP stack's instruments (one Meter, names <c>sipcube.sip.*</c>).</summary>
/// <remarks>STYLE.md §7: one metrics class per library, built from <see cref="IMeterFactory"/>; tags stay low-cardinality.</remarks>
public sealed class SipMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "SipCube.Sip";

    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _bad;
    private readonly UpDownCounter<long> _transactions;
    private readonly UpDownCounter<long> _bindings;
    private readonly Counter<long> _registrations;
    private readonly Counter<long> _authFailures;
    private readonly Histogram<double> _responseDuration;

    /// <summary>Creates the instruments from <paramref name="meterFactory"/> (or a private meter when null).</summary>
    public SipMetrics(IMeterFactory? meterFactory)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _received = _meter.CreateCounter<long>("sipcube.sip.messages.received", description: "SIP messages received");
        _bad = _meter.CreateCounter<long>("sipcube.sip.messages.bad", description: "Unparseable or invalid SIP messages, by reason");
        _transactions = _meter.CreateUpDownCounter<long>("sipcube.sip.transactions.active", description: "Live SIP transactions");
        _bindings = _meter.CreateUpDownCounter<long>("sipcube.sip.registrar.bindings", description: "Registered contact bindings");
        _registrations = _meter.CreateCounter<long>("sipcube.sip.registrar.requests", description: "REGISTER outcomes");
        _authFailures = _meter.CreateCounter<long>("sipcube.sip.auth.failures", description: "Digest failures, by reason");
        _responseDuration = _meter.CreateHistogram<double>("sipcube.sip.response.duration", unit: "ms",
            description: "Time from receiving a request to sending its final response, by method and status class");
    }

    /// <summary>The meter (tests listen to this instance only).</summary>
    internal Meter Meter => _meter;

    internal void MessageReceived(string transport, bool request) =>
        _received.Add(1, new TagList { { "transport", transport }, { "kind", request ? "request" : "response" } });

    internal void BadMessage(SipParseError reason) => _bad.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));

    internal void TransactionStarted() => _transactions.Add(1);

    internal void TransactionEnded() => _transactions.Add(-1);

    internal void BindingsChanged(int delta) => _bindings.Add(delta);

    internal void Registration(int status) => _registrations.Add(1, new KeyValuePair<string, object?>("status", status));

    internal void AuthFailure(string reason) => _authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void FinalResponse(string method, int status, TimeSpan elapsed) => _responseDuration.Record(elapsed.TotalMilliseconds, new TagList
    {
        // Unknown methods come from peers: folded into one tag value so the series count stays bounded.
        { "method", SipMethods.IsKnown(method) ? method : "other" },
        { "status_class", StatusClass(status) },
    });

    private static string StatusClass(int status) => status switch
    {
        < 300 => "2xx",
        < 400 => "3xx",
        < 500 => "4xx",
        < 600 => "5xx",
        _ => "6xx",
    };

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
