using Microsoft.Extensions.Time.Testing;
using SipCube.Rtp.Rtcp;
using SipCube.Testing;

namespace SipCube.Rtp.Tests.Rtcp;

/// <summary>RFC 3550 §A.1/§A.3/§A.8 receive statistics and LSR/DLSR, on a fake clock.</summary>
public sealed class RtpReceiverStatisticsTests
{
    private const uint ClockRate = 8000;

    [Fact]
    public void Counts_interval_and_cumulative_loss_and_fraction_lost()
    {
        FakeTimeProvider clock = TestClock.Create();
        var stats = new RtpReceiverStatistics(7, ClockRate, clock);
        for (ushort seq = 100; seq < 200; seq++)
        {
            if (seq % 4 != 0)
            {
                stats.OnPacket(seq, seq * 160u);
            }

            clock.Advance(TimeSpan.FromMilliseconds(20));
        }

        ReceptionReport first = stats.CreateReport();
        Assert.Equal(199u, first.ExtendedHighestSequence);
        Assert.Equal(24, first.CumulativeLost);
        Assert.Equal(24 * 256 / 99, first.FractionLost);

        for (ushort seq = 200; seq < 300; seq++)
        {
            stats.OnPacket(seq, seq * 160u);
        }

        ReceptionReport second = stats.CreateReport();
        Assert.Equal(0, second.FractionLost);
        Assert.Equal(24, second.CumulativeLost);
    }

    [Fact]
    public void Sequence_wrap_adds_a_cycle()
    {
        var stats = new RtpReceiverStatistics(7, ClockRate, TestClock.Create());
        for (int i = 65530; i < 65546; i++)
        {
            stats.OnPacket((ushort)i, (uint)i * 160);
        }

        Assert.Equal((1u << 16) + 9, stats.ExtendedHighestSequence);
        Assert.Equal(0, stats.CumulativeLost);
    }

    [Fact]
    public void Duplicates_make_cumulative_loss_negative_and_late_packets_do_not_move_the_highest()
    {
        var stats = new RtpReceiverStatistics(7, ClockRate, TestClock.Create());
        stats.OnPacket(10, 0);
        stats.OnPacket(11, 160);
        stats.OnPacket(11, 160);
        stats.OnPacket(9, 0);
        Assert.Equal(11u, stats.ExtendedHighestSequence);
        Assert.Equal(-2, stats.CumulativeLost);
    }

    [Fact]
    public void A_large_jump_is_a_restart_only_when_the_next_packet_follows_it()
    {
        var stats = new RtpReceiverStatistics(7, ClockRate, TestClock.Create());
        stats.OnPacket(10, 0);
        Assert.False(stats.OnPacket(30000, 0));
        Assert.Equal(10u, stats.ExtendedHighestSequence);
        Assert.True(stats.OnPacket(30001, 0));
        Assert.Equal(30001u, stats.ExtendedHighestSequence);
    }

    [Fact]
    public void Jitter_is_zero_for_perfect_pacing_and_converges_to_the_mean_deviation()
    {
        FakeTimeProvider clock = TestClock.Create();
        var steady = new RtpReceiverStatistics(7, ClockRate, clock);
        for (uint i = 0; i < 50; i++)
        {
            steady.OnPacket((ushort)i, i * 160);
            clock.Advance(TimeSpan.FromMilliseconds(20));
        }

        Assert.Equal(0u, steady.Jitter);

        // Alternating 10 ms / 30 ms arrivals: |D| = 80 timestamp units each packet, so J -> 80 (§A.8).
        var jittery = new RtpReceiverStatistics(8, ClockRate, clock);
        for (uint i = 0; i < 400; i++)
        {
            jittery.OnPacket((ushort)i, i * 160);
            clock.Advance(TimeSpan.FromMilliseconds(i % 2 == 0 ? 10 : 30));
        }

        Assert.InRange(jittery.Jitter, 78u, 80u);
    }

    [Fact]
    public void Report_carries_lsr_and_the_delay_since_it_in_1_65536_seconds()
    {
        FakeTimeProvider clock = TestClock.Create();
        var stats = new RtpReceiverStatistics(7, ClockRate, clock);
        stats.OnPacket(1, 0);
        stats.OnSenderReport(0x0000_1234_5678_0000);
        clock.Advance(TimeSpan.FromMilliseconds(500));

        ReceptionReport report = stats.CreateReport();
        Assert.Equal(0x1234_5678u, report.LastSenderReport);
        Assert.Equal(32768u, report.DelaySinceLastSenderReport);
    }
}
