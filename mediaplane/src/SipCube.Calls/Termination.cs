namespace SipCube.Calls;

/// <summary>How a call ended: a blame class and the reason.</summary>
/// <param name="Result">Who is to blame.</param>
/// <param name="Reason">What happened.</param>
public readonly record struct Termination(TerminationResult Result, TerminationReason Reason)
{
    /// <summary>The termination for <paramref name="reason"/> per <see cref="TerminationTable"/>.</summary>
    public static Termination For(TerminationReason reason) => new(TerminationTable.Get(reason).Result, reason);
}
