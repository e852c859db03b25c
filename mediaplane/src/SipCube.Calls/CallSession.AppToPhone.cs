using SipCube.Calls.Ports;
using SipCube.Calls.State;
using SipCube.Contracts.Cdrs;

namespace SipCube.Calls;

/// <summary>App -> phone: <c>call</c> signal -> fork an INVITE to every registered contact -> the first 200 wins,
/// the others get CANCEL (RFC 3261 §16.7, §9.1) -> <c>accept</c> to the app.</summary>
public sealed partial class CallSession
{
    private readonly Dictionary<string, Fork> forks = new(StringComparer.Ordinal);
    private AppCallRequest? appRequest;
    private string? phoneAor;
    private string? winnerLegId;

    private async ValueTask OnAppCallStartedAsync(CallEvent.AppCallStarted e, CancellationToken ct)
    {
        if (!TryMove(CallTrigger.Start))
        {
            await Ignore(e);
            return;
        }

        appLeg = e.Leg;
        appLegInbound = true;
        appRequest = e.Request;
        Begin(CallDirection.ConnectyCubeToSip);

        var route = await services.Router.RouteFromAppAsync(e.Request, ct);
        phoneAor = route.Phone?.SipUri;
        if (route.Refusal is { } refusal || route.Contacts.Count == 0)
        {
            var reason = route.Refusal ?? TerminationReason.Unavailable;
            CallsLog.Refused(services.Logger, CallId, reason);
            await EndAsync(reason, EndOrigin.None, ct);
            return;
        }

        bridge = services.Legs.CreateMediaBridge(CallId, Sink);
        var phoneOffer = await bridge.CreateOfferAsync(MediaSide.App, e.Request.SdpOffer, ct);
        foreach (var contact in route.Contacts)
        {
            var leg = services.Legs.CreateSipLeg(CallId, contact, Sink);
            forks[leg.LegId] = new Fork(leg);
        }

        TryMove(CallTrigger.Dial);
        StartDialTimers();
        foreach (var fork in forks.Values)
        {
            await fork.Leg.InviteAsync(phoneOffer, ct);
        }
    }

    private ValueTask OnSipRingingAsync(CallEvent.SipRinging e)
    {
        if (!forks.TryGetValue(e.LegId, out var fork) || fork.State != ForkState.Trying)
        {
            return Ignore(e);
        }

        fork.State = ForkState.Ringing;
        if (TryMove(CallTrigger.Alert))
        {
            StopTimer(CallTimer.Ring);
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask OnSipAnsweredAsync(CallEvent.SipAnswered e, CancellationToken ct)
    {
        if (!forks.TryGetValue(e.LegId, out var fork) || fork.State is ForkState.Winner)
        {
            await Ignore(e);
            return;
        }

        if (fork.State == ForkState.Done || !TryMove(CallTrigger.Answer))
        {
            // A second fork answered (or its 200 crossed our CANCEL): confirm and drop it (RFC 3261 §13.2.2.4).
            fork.State = ForkState.Done;
            await SafeAsync(() => fork.Leg.TerminateAsync(CompletedElsewhere(SipTerminationKind.Bye), ct), "BYE late fork");
            return;
        }

        fork.State = ForkState.Winner;
        winnerLegId = e.LegId;
        sipFinalStatus = 200;
        foreach (var other in forks.Values)
        {
            if (other.State is ForkState.Trying or ForkState.Ringing)
            {
                other.State = ForkState.Done;
                await SafeAsync(() => other.Leg.TerminateAsync(CompletedElsewhere(SipTerminationKind.Cancel), ct), "CANCEL fork");
            }
        }

        var appAnswer = await bridge!.CompleteAsync(MediaSide.Sip, e.SdpAnswer, ct);
        await appLeg!.AcceptAsync(appAnswer, ct);
        MarkAnswered();
    }

    private ValueTask OnSipRejectedAsync(CallEvent.SipRejected e, CancellationToken ct)
    {
        if (!forks.TryGetValue(e.LegId, out var fork) || fork.State is ForkState.Done or ForkState.Winner)
        {
            return Ignore(e);
        }

        fork.State = ForkState.Done;
        fork.FinalStatus = e.StatusCode;

        // RFC 3261 §16.7 step 5: a 6xx ends the whole fork at once; otherwise wait for every branch.
        if (e.StatusCode >= 600)
        {
            sipFinalStatus = e.StatusCode;
            return EndAsync(TerminationTable.FromSipStatus(e.StatusCode), EndOrigin.None, ct);
        }

        if (forks.Values.Any(f => f.State != ForkState.Done))
        {
            return ValueTask.CompletedTask;
        }

        var best = BestFinalStatus();
        sipFinalStatus = best;
        return EndAsync(TerminationTable.FromSipStatus(best), EndOrigin.None, ct);
    }

    /// <summary>A busy phone wins over other failures: the app user learns the callee is busy rather than
    /// unreachable (RFC 3261 §16.7 step 6 picks among 4xx freely).</summary>
    private int BestFinalStatus()
    {
        var statuses = forks.Values.Select(f => f.FinalStatus ?? 408).ToList();
        return statuses.Contains(486) ? 486 : statuses.Contains(603) ? 603 : statuses.Min();
    }

    /// <summary>RFC 3326 Reason "SIP;cause=200;text=Call completed elsewhere" for the losing forks.</summary>
    private static SipTermination CompletedElsewhere(SipTerminationKind kind) =>
        new(kind, 200, "Call completed elsewhere");
}
