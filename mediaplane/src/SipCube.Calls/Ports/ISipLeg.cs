namespace SipCube.Calls.Ports;

/// <summary>
/// One SIP side of a call: either the INVITE a phone sent us (inbound) or one INVITE we send to one registered
/// contact (outbound, one leg per fork). The adapter over the SIP stack owns transactions and dialogs and reports
/// what the phone does as <see cref="CallEvent"/>s into the call's <see cref="CallEventSink"/>.
/// </summary>
/// <remarks>RFC 3261 §13 (INVITE), §15 (BYE), §9 (CANCEL). Every method is idempotent: a second call is a no-op.</remarks>
public interface ISipLeg
{
    /// <summary>Stable id of this leg, carried in the events it reports.</summary>
    string LegId { get; }

    /// <summary>Outbound legs only: sends the INVITE with <paramref name="sdpOffer"/> to the leg's contact.</summary>
    ValueTask InviteAsync(string sdpOffer, CancellationToken cancellationToken);

    /// <summary>Inbound legs only: sends 180 Ringing (RFC 3261 §13.3.1.1).</summary>
    ValueTask RingingAsync(CancellationToken cancellationToken);

    /// <summary>Inbound legs only: sends 200 OK with <paramref name="sdpAnswer"/> (RFC 3261 §13.3.1.4).</summary>
    ValueTask AnswerAsync(string sdpAnswer, CancellationToken cancellationToken);

    /// <summary>Ends the leg: reject, CANCEL or BYE.</summary>
    ValueTask TerminateAsync(SipTermination termination, CancellationToken cancellationToken);
}
