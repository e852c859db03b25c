using SipCube.Calls.Ports;
using SipCube.Contracts.Cdrs;

namespace SipCube.Calls.Tests.Fakes;

/// <summary>Keeps every CDR and answer notification; safe for calls ending on several threads.</summary>
internal sealed class RecordingCallEvents : ICallEvents
{
    private readonly Lock gate = new();
    private readonly List<string> answered = [];
    private readonly List<(CallDetailRecord Record, Termination Termination)> ended = [];

    public List<string> Answered
    {
        get
        {
            lock (gate)
            {
                return [.. answered];
            }
        }
    }

    public List<(CallDetailRecord Record, Termination Termination)> Ended
    {
        get
        {
            lock (gate)
            {
                return [.. ended];
            }
        }
    }

    public void CallAnswered(string callId, CallDirection direction)
    {
        lock (gate)
        {
            answered.Add(callId);
        }
    }

    public void CallEnded(CallDetailRecord record, Termination termination)
    {
        lock (gate)
        {
            ended.Add((record, termination));
        }
    }
}
