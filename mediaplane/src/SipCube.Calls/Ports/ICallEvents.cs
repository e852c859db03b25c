using SipCube.Contracts.Cdrs;

namespace SipCube.Calls.Ports;

/// <summary>What the bridge tells the rest of the node about calls (metrics, CDR outbox, live-call views).</summary>
public interface ICallEvents
{
    /// <summary>A call was answered on both sides.</summary>
    void CallAnswered(string callId, CallDirection direction);

    /// <summary>A call ended, answered or not; <paramref name="record"/> is its CDR.</summary>
    void CallEnded(CallDetailRecord record, Termination termination);
}
