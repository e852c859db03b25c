using SipCube.Calls.Ports;

namespace SipCube.Calls;

/// <summary>One row of <see cref="TerminationTable"/>.</summary>
/// <param name="Reason">The reason.</param>
/// <param name="Result">Its blame class.</param>
/// <param name="SipStatus">Final status for an unanswered INVITE from a phone (RFC 3261 §21).</param>
/// <param name="SipPhrase">Reason phrase for <paramref name="SipStatus"/>.</param>
/// <param name="AppEnding">Signal that ends an unanswered app leg we received (app -> phone). Answered legs and
/// legs we placed always end with hangUp.</param>
/// <param name="Cause">The CDR's <c>terminationCause</c>.</param>
public sealed record TerminationRow(
    TerminationReason Reason,
    TerminationResult Result,
    int SipStatus,
    string SipPhrase,
    AppEnding AppEnding,
    string Cause);
