using System.Diagnostics.Metrics;
using SipCube.Calls.State;

namespace SipCube.Calls;

/// <summary>The <c>SipCube.Calls</c> meter: active calls, ended calls and their durations.</summary>
public sealed class CallsMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "SipCube.Calls";

    private readonly UpDownCounter<long> active;
    private readonly Counter<long> ended;
    private readonly Histogram<double> duration;

    /// <summary>Creates the instruments from <paramref name="meterFactory"/>.</summary>
    public CallsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        active = meter.CreateUpDownCounter<long>("sipcube.calls.active", "{call}", "Calls not yet ended.");
        ended = meter.CreateCounter<long>("sipcube.calls.ended", "{call}", "Ended calls by termination.");
        duration = meter.CreateHistogram<double>("sipcube.call.duration", "s", "Answered talk time of ended calls.");
    }

    internal void Started() => active.Add(1);

    internal void Ended(Termination termination, TimeSpan talkTime, CallPhase phaseBefore)
    {
        active.Add(-1);
        var result = new KeyValuePair<string, object?>("termination.result", ResultTag(termination.Result));
        var reason = new KeyValuePair<string, object?>("termination.reason", TerminationTable.Get(termination.Reason).Cause);
        ended.Add(1, result, reason);
        if (phaseBefore == CallPhase.Answered)
        {
            duration.Record(talkTime.TotalSeconds, result);
        }
    }

    /// <summary>The OTel-style tag value of a result.</summary>
    public static string ResultTag(TerminationResult result) => result switch
    {
        TerminationResult.Success => "success",
        TerminationResult.ClientError => "client_error",
        TerminationResult.ServerError => "server_error",
        TerminationResult.UpstreamError => "upstream_error",
        _ => "indeterminate",
    };
}
