using SipCube.Calls.Ports;
using SipCube.Calls.State;
using SipCube.Contracts.Cdrs;

namespace SipCube.Calls;

/// <summary>The one way every call ends: signal each side per <see cref="TerminationTable"/> (except the side whose
/// own action ended it), stop the media, emit the CDR.</summary>
public sealed partial class CallSession
{
    private int? sipFinalStatus;

    private async ValueTask EndAsync(TerminationReason reason, EndOrigin origin, CancellationToken ct)
    {
        var phaseBefore = Phase;
        if (!TryMove(CallTrigger.End))
        {
            return;
        }

        StopAllTimers();
        queue.Writer.TryComplete();
        var answered = answerUtc is not null;
        var termination = Termination.For(reason);

        if (origin != EndOrigin.Sip)
        {
            await EndSipSideAsync(reason, answered, ct);
        }

        if (origin != EndOrigin.App && appLeg is { } app)
        {
            var ending = TerminationTable.AppEndingFor(reason, appLegInbound, answered);
            await SafeAsync(() => app.EndAsync(ending, ct), "end app leg");
        }

        var stats = bridge?.GetStats() ?? MediaBridgeStats.Empty;
        if (bridge is { } media)
        {
            await SafeAsync(() => media.DisposeAsync(), "dispose media bridge");
        }

        var endUtc = Time.GetUtcNow();
        var record = BuildRecord(termination, stats, endUtc);
        CallsLog.Ended(services.Logger, CallId, termination.Result, reason);
        services.Metrics?.Ended(termination, answerUtc is { } a ? endUtc - a : TimeSpan.Zero, phaseBefore);
        try
        {
            services.Events.CallEnded(record, termination);
        }
        finally
        {
            completion.TrySetResult(termination);
        }
    }

    private async ValueTask EndSipSideAsync(TerminationReason reason, bool answered, CancellationToken ct)
    {
        if (inboundSip is { } inbound)
        {
            var ending = TerminationTable.SipEndingFor(reason, inbound: true, answered);
            sipFinalStatus ??= ending.StatusCode;
            await SafeAsync(() => inbound.TerminateAsync(ending, ct), "end SIP leg");
            return;
        }

        foreach (var fork in forks.Values)
        {
            if (fork.State == ForkState.Done)
            {
                continue;
            }

            var ending = TerminationTable.SipEndingFor(reason, inbound: false, fork.State == ForkState.Winner);
            if (ending.Kind == SipTerminationKind.Cancel)
            {
                sipFinalStatus ??= 487;
            }

            fork.State = ForkState.Done;
            await SafeAsync(() => fork.Leg.TerminateAsync(ending, ct), "end SIP fork");
        }
    }

    private CallDetailRecord BuildRecord(Termination termination, MediaBridgeStats stats, DateTimeOffset endUtc)
    {
        var sipToApp = Direction == CallDirection.SipToConnectyCube;
        return new CallDetailRecord
        {
            CallId = CallId,
            Direction = Direction ?? CallDirection.SipToConnectyCube,
            FromSipUri = sipToApp ? phoneRequest?.Caller.SipUri : null,
            ToSipUri = sipToApp ? $"sip:{phoneRequest?.TargetUser}@{phoneRequest?.TargetDomain}" : phoneAor,
            FromConnectyCubeUserId = sipToApp ? phoneRequest?.Caller.ConnectyCubeUserId : appRequest?.CallerUserId,
            ToConnectyCubeUserId = sipToApp ? calleeUserId : appRequest?.CalleeUserId,
            StartUtc = startUtc,
            AnswerUtc = answerUtc,
            EndUtc = endUtc,
            DurationMs = answerUtc is { } answered ? (long)(endUtc - answered).TotalMilliseconds : 0,
            TerminationCause = TerminationTable.Get(termination.Reason).Cause,
            SipStatus = sipFinalStatus,
            SipLeg = bridge is null ? null : ToRecord(stats.Sip),
            WebRtcLeg = bridge is null ? null : ToRecord(stats.App),
            MediaNodeId = services.Options.MediaNodeId,
        };
    }

    // A leg that never received media has no jitter or quality to report: an estimate there would claim a perfect call.
    private static CallLegRecord ToRecord(LegMediaStats leg) => new()
    {
        AudioCodec = leg.AudioCodec,
        PacketsSent = leg.PacketsSent,
        PacketsReceived = leg.PacketsReceived,
        PacketsLost = leg.PacketsLost,
        JitterMs = leg.PacketsReceived > 0 ? leg.JitterMs : null,
        RttMs = leg.RttMs,
        Mos = leg.PacketsReceived > 0 ? leg.Mos : null,
    };

    /// <summary>Runs one port call on the way out; a failure is logged and never stops the CDR.</summary>
    private async ValueTask SafeAsync(Func<ValueTask> action, string operation)
    {
        try
        {
            await action();
        }
#pragma warning disable CA1031 // The ending must reach the CDR whatever an adapter throws.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CallsLog.PortFailed(services.Logger, ex, CallId, operation);
        }
    }
}
