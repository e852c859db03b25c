namespace SipCube.Calls.State;

/// <summary>Where a call is in its life; transitions in <see cref="CallState"/>.</summary>
public enum CallPhase
{
    /// <summary>Created, no start event yet.</summary>
    Idle = 1,

    /// <summary>Start event received; routing and building the offer.</summary>
    Routing,

    /// <summary>The callee is being called, not alerted yet.</summary>
    Dialling,

    /// <summary>The callee is alerted (180 sent to the phone, or a fork rang).</summary>
    Alerting,

    /// <summary>Both sides connected.</summary>
    Answered,

    /// <summary>Final: CDR emitted.</summary>
    Ended,
}
