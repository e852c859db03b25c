using SipCube.Calls.Ports;

namespace SipCube.Calls;

/// <summary>One outbound INVITE of an app -> phone call.</summary>
internal sealed class Fork(ISipLeg leg)
{
    public ISipLeg Leg { get; } = leg;

    public ForkState State { get; set; } = ForkState.Trying;

    /// <summary>The final non-2xx status the fork got, if any.</summary>
    public int? FinalStatus { get; set; }
}
