namespace SipCube.Calls;

/// <summary>The timers of one call, all on the session's <see cref="TimeProvider"/>.</summary>
internal enum CallTimer
{
    /// <summary>From dialling until the callee is alerted; expiry means the callee is unreachable (480).</summary>
    Ring = 1,

    /// <summary>From dialling until an answer; expiry means no answer (480 / hangUp).</summary>
    NoAnswer = 2,

    /// <summary>Periodic check, once answered, that media still arrives on both legs.</summary>
    Media = 3,
}
