namespace SipCube.Calls.Ports;

/// <summary>
/// The app side of a call: one ConnectyCube P2P call (signalling over XMPP plus one WebRTC peer connection). The
/// adapter reports the app's signals (<c>accept</c>, <c>reject</c>, <c>hangUp</c>) as <see cref="CallEvent"/>s into
/// the call's <see cref="CallEventSink"/>.
/// </summary>
/// <remarks>connectycube-protocol.md §3 (P2P call dialect). Every method is idempotent.</remarks>
public interface IWebRtcLeg
{
    /// <summary>Stable id of this leg.</summary>
    string LegId { get; }

    /// <summary>Phone -> app: sends the <c>call</c> signal with <paramref name="sdpOffer"/> to the target user, as the
    /// calling phone's own ConnectyCube identity (so the app sees who calls).</summary>
    ValueTask CallAsync(AppCallTarget target, string sdpOffer, CancellationToken cancellationToken);

    /// <summary>App -> phone: sends the <c>accept</c> signal with <paramref name="sdpAnswer"/>.</summary>
    ValueTask AcceptAsync(string sdpAnswer, CancellationToken cancellationToken);

    /// <summary>Ends the app leg with a <c>reject</c> or <c>hangUp</c> signal.</summary>
    ValueTask EndAsync(AppEnding ending, CancellationToken cancellationToken);
}
