using SipCube.Calls.Ports;

namespace SipCube.Calls;

/// <summary>
/// Everything that can happen to a call, posted by legs, the media bridge and timers into the call's one serialized
/// queue (<see cref="CallEventSink"/>) and handled by <see cref="CallSession"/> one at a time.
/// </summary>
public abstract record CallEvent
{
    private CallEvent()
    {
    }

    /// <summary>A phone's INVITE starts the call (phone -> app).</summary>
    public sealed record PhoneCallStarted(ISipLeg Leg, PhoneCallRequest Request) : CallEvent;

    /// <summary>An app's <c>call</c> signal starts the call (app -> phone).</summary>
    public sealed record AppCallStarted(IWebRtcLeg Leg, AppCallRequest Request) : CallEvent;

    /// <summary>An outbound fork got 180/183 (RFC 3261 §13.2.2.1).</summary>
    public sealed record SipRinging(string LegId) : CallEvent;

    /// <summary>An outbound fork got 200 OK with its SDP answer (RFC 3261 §13.2.2.4).</summary>
    public sealed record SipAnswered(string LegId, string SdpAnswer) : CallEvent;

    /// <summary>An outbound fork got a final non-2xx response (or timed out: 408).</summary>
    public sealed record SipRejected(string LegId, int StatusCode) : CallEvent;

    /// <summary>The phone CANCELled the INVITE it sent us (RFC 3261 §9.2).</summary>
    public sealed record SipCancelled(string LegId) : CallEvent;

    /// <summary>The phone sent BYE (RFC 3261 §15.1.2).</summary>
    public sealed record SipHungUp(string LegId) : CallEvent;

    /// <summary>The phone sent a new SDP offer inside its dialog (re-INVITE: hold, resume, codec change, refresh; or
    /// UPDATE). The session answers through <paramref name="Reply"/>, exactly once.</summary>
    /// <remarks>RFC 3261 §14.2, RFC 3311 §5.2, RFC 3264 §8.</remarks>
    public sealed record SipReoffered(string LegId, string SdpOffer, ReofferReply Reply) : CallEvent;

    /// <summary>The phone signalled a DTMF digit out of band (SIP INFO, RFC 6086 / application/dtmf-relay).</summary>
    public sealed record SipDtmfReceived(string LegId, char Digit, TimeSpan Duration) : CallEvent;

    /// <summary>The app user is being alerted (the <c>call</c> signal was delivered).</summary>
    public sealed record AppRinging : CallEvent;

    /// <summary>The app sent <c>accept</c> with its SDP answer.</summary>
    public sealed record AppAccepted(string SdpAnswer) : CallEvent;

    /// <summary>The app sent <c>reject</c>.</summary>
    public sealed record AppRejected(bool Busy) : CallEvent;

    /// <summary>The app sent <c>hangUp</c>.</summary>
    public sealed record AppHungUp : CallEvent;

    /// <summary>The app user is offline (<paramref name="Unknown"/> false) or does not exist (true).</summary>
    public sealed record AppUnavailable(bool Unknown) : CallEvent;

    /// <summary>A leg's transport or signalling failed (XMPP dropped, SIP transaction error).</summary>
    public sealed record LegFailed(MediaSide Side, string Detail) : CallEvent;

    /// <summary>The media bridge saw no RTP or ICE consent on <paramref name="Side"/> for too long.</summary>
    public sealed record MediaTimedOut(MediaSide Side) : CallEvent;

    /// <summary>The node is draining: end the call now.</summary>
    public sealed record Shutdown : CallEvent;

    /// <summary>One of the session's own timers fired (stale generations are ignored).</summary>
    internal sealed record TimerFired(CallTimer Timer, int Generation) : CallEvent;
}
