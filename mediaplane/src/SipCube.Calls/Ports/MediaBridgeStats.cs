namespace SipCube.Calls.Ports;

/// <summary>A snapshot of both legs' media counters.</summary>
/// <param name="Sip">The SIP leg.</param>
/// <param name="App">The app (WebRTC) leg.</param>
public sealed record MediaBridgeStats(LegMediaStats Sip, LegMediaStats App)
{
    /// <summary>No media measured (no bridge, or a call that never reached media).</summary>
    public static MediaBridgeStats Empty { get; } = new(new LegMediaStats(), new LegMediaStats());
}
