using SipCube.Calls.Ports;
using SipCube.Calls.State;
using SipCube.Contracts.Cdrs;

namespace SipCube.Calls;

/// <summary>Phone -> app: INVITE -> route -> <c>call</c> signal -> 180 while the app rings -> 200 on accept.</summary>
public sealed partial class CallSession
{
    private ISipLeg? inboundSip;
    private IWebRtcLeg? appLeg;
    private bool appLegInbound;
    private PhoneCallRequest? phoneRequest;
    private long? calleeUserId;

    private async ValueTask OnPhoneCallStartedAsync(CallEvent.PhoneCallStarted e, CancellationToken ct)
    {
        if (!TryMove(CallTrigger.Start))
        {
            await Ignore(e);
            return;
        }

        inboundSip = e.Leg;
        phoneRequest = e.Request;
        Begin(CallDirection.SipToConnectyCube);

        var route = await services.Router.RouteFromPhoneAsync(e.Request, ct);
        if (route.Refusal is { } refusal || route.App is null)
        {
            var reason = route.Refusal ?? TerminationReason.NotFound;
            CallsLog.Refused(services.Logger, CallId, reason);
            await EndAsync(reason, EndOrigin.None, ct);
            return;
        }

        calleeUserId = route.App.CalleeUserId;
        bridge = services.Legs.CreateMediaBridge(CallId, Sink);
        var appOffer = await bridge.CreateOfferAsync(MediaSide.Sip, e.Request.SdpOffer, ct);
        appLeg = services.Legs.CreateAppLeg(CallId, Sink);
        appLegInbound = false;
        TryMove(CallTrigger.Dial);
        StartDialTimers();
        await appLeg.CallAsync(route.App, appOffer, ct);
    }

    private async ValueTask OnAppRingingAsync(CancellationToken ct)
    {
        if (Direction != CallDirection.SipToConnectyCube || !TryMove(CallTrigger.Alert))
        {
            await Ignore(new CallEvent.AppRinging());
            return;
        }

        StopTimer(CallTimer.Ring);
        await inboundSip!.RingingAsync(ct);
    }

    private async ValueTask OnAppAcceptedAsync(CallEvent.AppAccepted e, CancellationToken ct)
    {
        if (Direction != CallDirection.SipToConnectyCube || !TryMove(CallTrigger.Answer))
        {
            await Ignore(e);
            return;
        }

        var phoneAnswer = await bridge!.CompleteAsync(MediaSide.App, e.SdpAnswer, ct);
        await inboundSip!.AnswerAsync(phoneAnswer, ct);
        sipFinalStatus = 200;
        MarkAnswered();
    }

    private ValueTask OnAppRejectedAsync(CallEvent.AppRejected e, CancellationToken ct)
    {
        if (Phase == CallPhase.Answered)
        {
            return EndAsync(TerminationReason.NormalClearing, EndOrigin.App, ct);
        }

        // The app is the caller in app -> phone: a reject from it can only mean it gives up.
        var reason = Direction == CallDirection.SipToConnectyCube
            ? TerminationTable.FromAppReject(e.Busy)
            : TerminationReason.Cancelled;
        return EndAsync(reason, EndOrigin.App, ct);
    }

    private ValueTask OnAppHungUpAsync(CancellationToken ct)
    {
        var reason = Phase == CallPhase.Answered ? TerminationReason.NormalClearing
            : Direction == CallDirection.ConnectyCubeToSip ? TerminationReason.Cancelled
            : TerminationReason.Declined;
        return EndAsync(reason, EndOrigin.App, ct);
    }

    private ValueTask OnAppUnavailableAsync(CallEvent.AppUnavailable e, CancellationToken ct)
    {
        if (Direction != CallDirection.SipToConnectyCube || Phase is not (CallPhase.Dialling or CallPhase.Alerting))
        {
            return Ignore(e);
        }

        return EndAsync(e.Unknown ? TerminationReason.NotFound : TerminationReason.Unavailable, EndOrigin.App, ct);
    }

    private ValueTask OnSipCancelledAsync(CallEvent.SipCancelled e, CancellationToken ct)
    {
        // RFC 3261 §9.2: a CANCEL after the final response has no effect; the phone will ACK and BYE instead.
        if (Direction != CallDirection.SipToConnectyCube || Phase == CallPhase.Answered || e.LegId != inboundSip?.LegId)
        {
            return Ignore(e);
        }

        // Origin None: the pending INVITE still needs its 487 (RFC 3261 §9.2) from us.
        return EndAsync(TerminationReason.Cancelled, EndOrigin.None, ct);
    }

    private ValueTask OnSipHungUpAsync(CallEvent.SipHungUp e, CancellationToken ct)
    {
        if (Phase != CallPhase.Answered)
        {
            return Ignore(e);
        }

        if (Direction == CallDirection.SipToConnectyCube && e.LegId == inboundSip?.LegId)
        {
            return EndAsync(TerminationReason.NormalClearing, EndOrigin.Sip, ct);
        }

        if (Direction == CallDirection.ConnectyCubeToSip && e.LegId == winnerLegId)
        {
            forks[e.LegId].State = ForkState.Done;
            return EndAsync(TerminationReason.NormalClearing, EndOrigin.None, ct);
        }

        return Ignore(e);
    }

    private ValueTask OnMediaTimedOutAsync(CancellationToken ct) =>
        Phase == CallPhase.Answered
            ? EndAsync(TerminationReason.MediaTimeout, EndOrigin.None, ct)
            : ValueTask.CompletedTask;
}
