using SipCube.Calls.Ports;
using SipCube.Calls.State;

namespace SipCube.Calls;

/// <summary>Ring, no-answer and media timers. Each fires by posting <see cref="CallEvent.TimerFired"/> into the queue,
/// so timer expiry is serialized with every other event; a generation number makes a stale firing harmless.</summary>
public sealed partial class CallSession
{
    private readonly ITimer?[] timers = new ITimer?[4];
    private readonly int[] generations = new int[4];

    private void StartDialTimers()
    {
        StartTimer(CallTimer.Ring, services.Options.RingTimeout);
        StartTimer(CallTimer.NoAnswer, services.Options.NoAnswerTimeout);
    }

    private void StartTimer(CallTimer timer, TimeSpan dueTime)
    {
        StopTimer(timer);
        var generation = ++generations[(int)timer];
        var fired = new CallEvent.TimerFired(timer, generation);
        timers[(int)timer] = Time.CreateTimer(static state => ((Action)state!)(), (Action)(() => Sink.Post(fired)), dueTime, Timeout.InfiniteTimeSpan);
    }

    private void StopTimer(CallTimer timer)
    {
        generations[(int)timer]++;
        timers[(int)timer]?.Dispose();
        timers[(int)timer] = null;
    }

    private void StopAllTimers()
    {
        StopTimer(CallTimer.Ring);
        StopTimer(CallTimer.NoAnswer);
        StopTimer(CallTimer.Media);
    }

    private ValueTask OnTimerAsync(CallEvent.TimerFired e, CancellationToken ct)
    {
        if (e.Generation != generations[(int)e.Timer])
        {
            return ValueTask.CompletedTask;
        }

        return e.Timer switch
        {
            CallTimer.Ring when Phase == CallPhase.Dialling => EndAsync(TerminationReason.Unavailable, EndOrigin.None, ct),
            CallTimer.NoAnswer when Phase is CallPhase.Dialling or CallPhase.Alerting => EndAsync(TerminationReason.NoAnswer, EndOrigin.None, ct),
            CallTimer.Media when Phase == CallPhase.Answered => CheckMediaAsync(ct),
            _ => ValueTask.CompletedTask,
        };
    }

    /// <summary>Ends the call when either leg has been silent for <see cref="CallOptions.MediaTimeout"/>, counting
    /// from the answer for a leg that never sent anything.</summary>
    private ValueTask CheckMediaAsync(CancellationToken ct)
    {
        var stats = bridge?.GetStats() ?? MediaBridgeStats.Empty;
        var now = Time.GetUtcNow();
        var limit = services.Options.MediaTimeout;
        if (Silent(stats.Sip, now, limit) || Silent(stats.App, now, limit))
        {
            return EndAsync(TerminationReason.MediaTimeout, EndOrigin.None, ct);
        }

        StartTimer(CallTimer.Media, services.Options.MediaCheckInterval);
        return ValueTask.CompletedTask;
    }

    private bool Silent(LegMediaStats leg, DateTimeOffset now, TimeSpan limit) =>
        now - (leg.LastReceivedUtc ?? answerUtc ?? now) >= limit;
}
