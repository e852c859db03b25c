namespace SipCube.Rtp.Rtcp;

/// <summary>64-bit NTP timestamps (seconds since 1900 . 2^-32 fractions) and the middle 32 bits used by LSR.</summary>
/// <remarks>RFC 3550 §4 and §6.4.1</remarks>
public static class NtpTime
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The NTP timestamp of <paramref name="time"/>.</summary>
    public static ulong FromDateTimeOffset(DateTimeOffset time)
    {
        long ticks = (time - Epoch).Ticks;
        ulong seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        ulong fraction = (ulong)((UInt128)(ulong)(ticks % TimeSpan.TicksPerSecond) * (UInt128)(1UL << 32) / TimeSpan.TicksPerSecond);
        return (seconds << 32) | fraction;
    }

    /// <summary>The middle 32 bits (16.16 fixed point seconds), as carried in LSR.</summary>
    public static uint Middle(ulong ntp) => (uint)(ntp >> 16);

    /// <summary>
    /// Round-trip time from a report block received at <paramref name="arrival"/>: A - LSR - DLSR in 1/65536 s.
    /// Null when the block carries no LSR (no SR seen yet) or the result is negative (clock or bogus values).
    /// </summary>
    public static TimeSpan? RoundTrip(DateTimeOffset arrival, uint lastSenderReport, uint delaySinceLastSenderReport)
    {
        if (lastSenderReport == 0)
        {
            return null;
        }

        uint a = Middle(FromDateTimeOffset(arrival));
        long rtt = (long)a - lastSenderReport - delaySinceLastSenderReport;
        if (rtt < 0)
        {
            // Middle-32 values wrap every 18 hours; a small positive result across the wrap is still valid.
            rtt += 1L << 32;
            if (rtt > 0x7FFF_FFFF)
            {
                return null;
            }
        }

        return TimeSpan.FromTicks(rtt * TimeSpan.TicksPerSecond / 65536);
    }
}
