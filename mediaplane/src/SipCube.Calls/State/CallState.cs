namespace SipCube.Calls.State;

/// <summary>
/// The pure call state machine: no legs, no timers, no I/O. <see cref="CallSession"/> asks it whether an event
/// applies in the current phase; an event it refuses is a duplicate or late one and is ignored.
/// </summary>
/// <remarks>
/// <code>
///  phase \ trigger | Start    Dial      Alert     Answer    End
///  ----------------+------------------------------------------------
///  Idle            | Routing  -         -         -         Ended
///  Routing         | -        Dialling  -         -         Ended
///  Dialling        | -        -         Alerting  Answered  Ended
///  Alerting        | -        -         -(dup)    Answered  Ended
///  Answered        | -        -         -         -(dup)    Ended
///  Ended           | -        -         -         -         -
/// </code>
/// "-" = refused (the session ignores the event). Answer without a prior Alert is legal: SIPp and some apps answer
/// at once (RFC 3261 §13.3.1: provisional responses are optional).
/// </remarks>
public static class CallState
{
    /// <summary>Applies <paramref name="trigger"/> to <paramref name="phase"/>; false if refused.</summary>
    public static bool TryApply(CallPhase phase, CallTrigger trigger, out CallPhase next)
    {
        next = (phase, trigger) switch
        {
            (CallPhase.Idle, CallTrigger.Start) => CallPhase.Routing,
            (CallPhase.Routing, CallTrigger.Dial) => CallPhase.Dialling,
            (CallPhase.Dialling, CallTrigger.Alert) => CallPhase.Alerting,
            (CallPhase.Dialling or CallPhase.Alerting, CallTrigger.Answer) => CallPhase.Answered,
            (not CallPhase.Ended, CallTrigger.End) => CallPhase.Ended,
            _ => phase,
        };
        return next != phase;
    }
}
