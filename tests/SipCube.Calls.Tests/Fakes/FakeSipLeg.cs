using SipCube.Calls.Ports;

namespace SipCube.Calls.Tests.Fakes;

/// <summary>Records what the session asked of one SIP leg.</summary>
internal sealed class FakeSipLeg(string legId, SipContact? contact = null) : ISipLeg
{
    public string LegId { get; } = legId;

    public SipContact? Contact { get; } = contact;

    public List<string> Calls { get; } = [];

    public string? Offer { get; private set; }

    public string? Answer { get; private set; }

    public List<SipTermination> Terminations { get; } = [];

    public ValueTask InviteAsync(string sdpOffer, CancellationToken cancellationToken)
    {
        Offer = sdpOffer;
        Calls.Add("INVITE");
        return ValueTask.CompletedTask;
    }

    public ValueTask RingingAsync(CancellationToken cancellationToken)
    {
        Calls.Add("180");
        return ValueTask.CompletedTask;
    }

    public ValueTask AnswerAsync(string sdpAnswer, CancellationToken cancellationToken)
    {
        Answer = sdpAnswer;
        Calls.Add("200");
        return ValueTask.CompletedTask;
    }

    public ValueTask TerminateAsync(SipTermination termination, CancellationToken cancellationToken)
    {
        Terminations.Add(termination);
        Calls.Add(termination.Kind == SipTerminationKind.Reject ? termination.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : termination.Kind.ToString().ToUpperInvariant());
        return ValueTask.CompletedTask;
    }
}
