namespace SipCube.Calls.State;

/// <summary>The inputs of the pure call state machine (<see cref="CallState"/>).</summary>
public enum CallTrigger
{
    /// <summary>A start event (INVITE or <c>call</c> signal).</summary>
    Start = 1,

    /// <summary>The router found a destination and the callee is being called.</summary>
    Dial,

    /// <summary>The callee is alerted.</summary>
    Alert,

    /// <summary>The callee answered.</summary>
    Answer,

    /// <summary>Anything that ends the call.</summary>
    End,
}
