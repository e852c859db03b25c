using SipCube.Rtp.Rtcp;

namespace SipCube.Rtp.Tests.Rtcp;

/// <summary>NTP conversion and RTT = A - LSR - DLSR (RFC 3550 §6.4.1).</summary>
public sealed class NtpTimeTests
{
    [Fact]
    public void Converts_to_ntp_seconds_and_fraction()
    {
        var time = new DateTimeOffset(1900, 1, 1, 0, 0, 1, 500, TimeSpan.Zero);
        Assert.Equal((1UL << 32) | 0x8000_0000, NtpTime.FromDateTimeOffset(time));
        Assert.Equal(0x0001_8000u, NtpTime.Middle(NtpTime.FromDateTimeOffset(time)));
    }

    [Fact]
    public void Round_trip_is_arrival_minus_lsr_minus_dlsr()
    {
        var sent = new DateTimeOffset(2026, 11, 28, 5, 0, 0, TimeSpan.Zero);
        uint lsr = NtpTime.Middle(NtpTime.FromDateTimeOffset(sent));
        uint dlsr = 65536 / 2;
        DateTimeOffset arrival = sent.AddMilliseconds(500 + 80);

        TimeSpan? rtt = NtpTime.RoundTrip(arrival, lsr, dlsr);
        Assert.NotNull(rtt);
        Assert.InRange(rtt.Value.TotalMilliseconds, 79.9, 80.1);
    }

    [Fact]
    public void No_lsr_or_a_negative_result_gives_no_rtt()
    {
        var now = new DateTimeOffset(2026, 11, 28, 5, 0, 0, TimeSpan.Zero);
        Assert.Null(NtpTime.RoundTrip(now, 0, 0));
        uint lsr = NtpTime.Middle(NtpTime.FromDateTimeOffset(now.AddSeconds(10)));
        Assert.Null(NtpTime.RoundTrip(now, lsr, 0));
    }
}
