namespace SipCube.Media.Relay;

/// <summary>
/// Measures the round trip between the node and one leg's peer from RTCP passing through: when a sender report is
/// forwarded toward the peer we note its NTP middle 32 bits and the time; when the peer's report block echoes it as
/// LSR with a DLSR, RTT = now - forwarded - DLSR. Only the leg between us and that peer is measured, not the far side.
/// </summary>
/// <remarks>RFC 3550 §6.4.1 (LSR, DLSR in 1/65536 s, RTT computation, Figure 2).</remarks>
public sealed class LegRttTracker
{
    private const int Slots = 8;
    private readonly uint[] middles = new uint[Slots];
    private readonly long[] times = new long[Slots];
    private readonly double ticksToMs;
    private int next;

    /// <summary>Creates a tracker for timestamps in ticks of <paramref name="timestampFrequency"/> per second.</summary>
    public LegRttTracker(long timestampFrequency) => ticksToMs = 1000.0 / timestampFrequency;

    /// <summary>The last measured RTT in milliseconds; null before the first.</summary>
    public double? RttMs { get; private set; }

    /// <summary>Notes a sender report forwarded toward this leg's peer.</summary>
    public void SenderReportSent(uint ntpMiddle, long now)
    {
        middles[next] = ntpMiddle;
        times[next] = now;
        next = (next + 1) % Slots;
    }

    /// <summary>Takes one report block's LSR/DLSR from this leg's peer.</summary>
    public void ReportReceived(uint lastSenderReport, uint delaySinceLast, long now)
    {
        if (lastSenderReport == 0)
        {
            return;
        }

        for (var i = 0; i < Slots; i++)
        {
            if (middles[i] == lastSenderReport && times[i] != 0)
            {
                var rtt = ((now - times[i]) * ticksToMs) - (delaySinceLast * 1000.0 / 65536.0);
                RttMs = Math.Max(0, rtt);
                return;
            }
        }
    }
}
