using System.Threading.Channels;
using SipCube.Calls.Ports;
using SipCube.Calls.State;
using SipCube.Contracts.Cdrs;

namespace SipCube.Calls;

/// <summary>
/// One bridged call (the B2BUA): a SIP side, an app side and a media bridge, driven by one serialized event queue.
/// Legs, the bridge and timers only post <see cref="CallEvent"/>s to <see cref="Sink"/>; this class handles them one
/// at a time, asks <see cref="CallState"/> whether each applies, and maps every ending through
/// <see cref="TerminationTable"/>. Split by concern: PhoneToApp, AppToPhone, Reoffer, Timers, Ending.
/// </summary>
/// <remarks>Like pion's operations queue: no locks, because only the loop touches the state.</remarks>
public sealed partial class CallSession
{
    private readonly Channel<CallEvent> queue =
        Channel.CreateUnbounded<CallEvent>(new UnboundedChannelOptions { SingleReader = true });

    private readonly CallSessionServices services;
    private readonly TaskCompletionSource<Termination> completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private IMediaBridge? bridge;
    private DateTimeOffset startUtc;
    private DateTimeOffset? answerUtc;

    /// <summary>Creates a call; post its start event to <see cref="Sink"/>, then run <see cref="RunAsync"/>.</summary>
    public CallSession(string callId, CallSessionServices services)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentNullException.ThrowIfNull(services);
        CallId = callId;
        this.services = services;
        Sink = new CallEventSink(queue.Writer);
    }

    /// <summary>Our id of the call (the CDR key).</summary>
    public string CallId { get; }

    /// <summary>Where legs, the bridge and the host post events for this call.</summary>
    public CallEventSink Sink { get; }

    /// <summary>The current phase.</summary>
    public CallPhase Phase { get; private set; } = CallPhase.Idle;

    /// <summary>Which side started the call, once known.</summary>
    public CallDirection? Direction { get; private set; }

    /// <summary>Completes with the termination once the call has ended and its CDR was emitted.</summary>
    public Task<Termination> Completion => completion.Task;

    private TimeProvider Time => services.Time;

    /// <summary>Handles events until the call ends. Cancelling ends the call as a node shutdown.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Everything the loop does (legs, bridge, CDR) logs inside this scope, so one call's lines can be found by id.
        using var scope = services.Logger.BeginScope(new KeyValuePair<string, object>[] { new("CallId", CallId) });
        try
        {
            while (await queue.Reader.WaitToReadAsync(cancellationToken))
            {
                await ProcessPendingAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await EndAsync(TerminationReason.NodeShutdown, EndOrigin.None, CancellationToken.None);
        }
    }

    /// <summary>Handles every event queued so far, in order (the loop body; tests drive it directly).</summary>
    internal async ValueTask ProcessPendingAsync(CancellationToken cancellationToken)
    {
        while (queue.Reader.TryRead(out var callEvent))
        {
            if (Phase == CallPhase.Ended)
            {
                Abandon(callEvent);
                continue;
            }

            try
            {
                await DispatchAsync(callEvent, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (IncompatibleMediaException ex)
            {
                CallsLog.PortFailed(services.Logger, ex, CallId, callEvent.GetType().Name);
                await EndAsync(TerminationReason.IncompatibleMedia, EndOrigin.None, cancellationToken);
            }
#pragma warning disable CA1031 // A failing adapter must end this call cleanly (with a CDR), never kill the loop.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                CallsLog.PortFailed(services.Logger, ex, CallId, callEvent.GetType().Name);
                await EndAsync(TerminationReason.UpstreamFailure, EndOrigin.None, cancellationToken);
            }
        }
    }

    private ValueTask DispatchAsync(CallEvent callEvent, CancellationToken ct) => callEvent switch
    {
        CallEvent.PhoneCallStarted e => OnPhoneCallStartedAsync(e, ct),
        CallEvent.AppCallStarted e => OnAppCallStartedAsync(e, ct),
        CallEvent.AppRinging => OnAppRingingAsync(ct),
        CallEvent.AppAccepted e => OnAppAcceptedAsync(e, ct),
        CallEvent.AppRejected e => OnAppRejectedAsync(e, ct),
        CallEvent.AppHungUp => OnAppHungUpAsync(ct),
        CallEvent.AppUnavailable e => OnAppUnavailableAsync(e, ct),
        CallEvent.SipCancelled e => OnSipCancelledAsync(e, ct),
        CallEvent.SipHungUp e => OnSipHungUpAsync(e, ct),
        CallEvent.SipRinging e => OnSipRingingAsync(e),
        CallEvent.SipAnswered e => OnSipAnsweredAsync(e, ct),
        CallEvent.SipRejected e => OnSipRejectedAsync(e, ct),
        CallEvent.SipReoffered e => OnSipReofferedAsync(e, ct),
        CallEvent.SipDtmfReceived e => OnSipDtmfReceivedAsync(e),
        CallEvent.LegFailed e => EndAsync(TerminationReason.UpstreamFailure, e.Side == MediaSide.Sip ? EndOrigin.Sip : EndOrigin.App, ct),
        CallEvent.MediaTimedOut => OnMediaTimedOutAsync(ct),
        CallEvent.Shutdown => EndAsync(TerminationReason.NodeShutdown, EndOrigin.None, ct),
        CallEvent.TimerFired e => OnTimerAsync(e, ct),
        _ => Ignore(callEvent),
    };

    private bool TryMove(CallTrigger trigger)
    {
        if (!CallState.TryApply(Phase, trigger, out var next))
        {
            return false;
        }

        Phase = next;
        return true;
    }

    private ValueTask Ignore(CallEvent callEvent)
    {
        CallsLog.Ignored(services.Logger, CallId, callEvent.GetType().Name, Phase);
        return ValueTask.CompletedTask;
    }

    private void Begin(CallDirection direction)
    {
        Direction = direction;
        startUtc = Time.GetUtcNow();
        services.Metrics?.Started();
        CallsLog.Started(services.Logger, CallId, direction.ToString());
    }

    private void MarkAnswered()
    {
        answerUtc = Time.GetUtcNow();
        StopTimer(CallTimer.Ring);
        StopTimer(CallTimer.NoAnswer);
        StartTimer(CallTimer.Media, services.Options.MediaCheckInterval);
        CallsLog.Answered(services.Logger, CallId);
        services.Events.CallAnswered(CallId, Direction ?? CallDirection.SipToConnectyCube);
    }
}
