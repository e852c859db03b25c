using System.Collections.Concurrent;
using SipCube.Calls.Ports;

namespace SipCube.Calls.ConnectyCube.Tests.Fakes;

/// <summary>A SIP leg that records what the session asked of it; tests post the phone's answers to its sink.</summary>
internal sealed class FakeSipLeg(string legId, CallEventSink? sink = null) : ISipLeg
{
    public string LegId { get; } = legId;

    public CallEventSink? Sink { get; } = sink;

    public ConcurrentQueue<string> Log { get; } = new();

    public ValueTask InviteAsync(string sdpOffer, CancellationToken cancellationToken) => Record("invite:" + sdpOffer);

    public ValueTask RingingAsync(CancellationToken cancellationToken) => Record("ringing");

    public ValueTask AnswerAsync(string sdpAnswer, CancellationToken cancellationToken) => Record("answer:" + sdpAnswer);

    public ValueTask TerminateAsync(SipTermination termination, CancellationToken cancellationToken) =>
        Record($"terminate:{termination.Kind}:{termination.StatusCode}");

    public bool Has(string entry) => Log.Contains(entry);

    public bool HasPrefix(string prefix) => Log.Any(e => e.StartsWith(prefix, StringComparison.Ordinal));

    private ValueTask Record(string entry)
    {
        Log.Enqueue(entry);
        return ValueTask.CompletedTask;
    }
}
