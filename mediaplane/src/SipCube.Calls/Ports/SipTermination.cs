namespace SipCube.Calls.Ports;

/// <summary>How a SIP leg is to be ended; the session picks the method from the leg's state.</summary>
/// <remarks>RFC 3261 §15 (BYE after a dialog is confirmed), §9 (CANCEL of a pending INVITE),
/// §13.3.1.3 (a final non-2xx response to an INVITE we received).</remarks>
public enum SipTerminationKind
{
    /// <summary>Answer the pending INVITE we received with a final non-2xx status.</summary>
    Reject = 1,

    /// <summary>CANCEL our pending INVITE.</summary>
    Cancel = 2,

    /// <summary>Send BYE in the established dialog.</summary>
    Bye = 3,
}

/// <summary>One instruction to end a SIP leg.</summary>
/// <param name="Kind">Reject, CANCEL or BYE.</param>
/// <param name="StatusCode">For <see cref="SipTerminationKind.Reject"/>: the final status (RFC 3261 §21); also carried as
/// the RFC 3326 Reason header cause for CANCEL and BYE.</param>
/// <param name="ReasonPhrase">Reason phrase for the status line or Reason header.</param>
public readonly record struct SipTermination(SipTerminationKind Kind, int StatusCode, string ReasonPhrase);
