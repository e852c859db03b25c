using SipCube.Calls.Ports;
using SipCube.Contracts.Cdrs;

namespace SipCube.Calls.Tests.Fakes;

/// <summary>Keeps every CDR and answer notification.</summary>
internal sealed class RecordingCallEvents : ICallEvents
{
    public List<string> Answered { get; } = [];

    public List<(CallDetailRecord Record, Termination Termination)> Ended { get; } = [];

    public void CallAnswered(string callId, CallDirection direction) => Answered.Add(callId);

    public void CallEnded(CallDetailRecord record, Termination termination) => Ended.Add((record, termination));
}
