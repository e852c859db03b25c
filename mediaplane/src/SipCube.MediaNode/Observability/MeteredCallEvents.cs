using SipCube.Calls;
using SipCube.Calls.Ports;
using SipCube.Contracts.Cdrs;

namespace SipCube.MediaNode.Observability;

/// <summary>
/// Records <see cref="CallQualityMetrics"/> from the bridge's call events, then passes each event on unchanged to
/// <paramref name="inner"/> (the CDR outbox writer).
/// </summary>
internal sealed class MeteredCallEvents(ICallEvents inner, CallQualityMetrics metrics) : ICallEvents
{
    public void CallAnswered(string callId, CallDirection direction)
    {
        metrics.Answered(direction);
        inner.CallAnswered(callId, direction);
    }

    public void CallEnded(CallDetailRecord record, Termination termination)
    {
        metrics.Ended(record);
        inner.CallEnded(record, termination);
    }
}
