using SipCube.Media.Relay;

namespace SipCube.Media.Tests;

public class ReceiverStatisticsTests
{
    private const long Frequency = 8000;

    [Fact]
    public void In_order_stream_has_no_loss_and_no_jitter()
    {
        var stats = new ReceiverStatistics(Frequency);
        for (var i = 0; i < 100; i++)
        {
            stats.Update(1, (ushort)(65500 + i), (uint)(i * 160), i * 160, 8000);
        }

        Assert.Equal(100, stats.PacketsReceived);
        Assert.Equal(0, stats.PacketsLost);
        Assert.Equal(0, stats.JitterMs, 6);
        Assert.Equal(65500u + 99, stats.ExtendedHighestSequence);
    }

    [Fact]
    public void Missing_packets_count_as_lost()
    {
        var stats = new ReceiverStatistics(Frequency);
        for (var i = 0; i < 100; i++)
        {
            if (i % 10 != 5)
            {
                stats.Update(1, (ushort)i, (uint)(i * 160), i * 160, 8000);
            }
        }

        Assert.Equal(90, stats.PacketsReceived);
        Assert.Equal(10, stats.PacketsLost);
    }

    [Fact]
    public void Alternating_arrival_delay_converges_to_the_delay_difference()
    {
        var stats = new ReceiverStatistics(Frequency);
        for (var i = 0; i < 2000; i++)
        {
            var delay = i % 2 == 0 ? 0 : 80;
            stats.Update(1, (ushort)i, (uint)(i * 160), (i * 160) + delay, 8000);
        }

        Assert.Equal(10.0, stats.JitterMs, 1);
    }

    [Fact]
    public void New_source_restarts_tracking_but_keeps_totals()
    {
        var stats = new ReceiverStatistics(Frequency);
        for (var i = 0; i < 10; i++)
        {
            stats.Update(1, (ushort)i, (uint)(i * 160), i * 160, 8000);
        }

        stats.Update(2, 40_000, 0, 2000, 8000);
        stats.Update(2, 40_001, 160, 2160, 8000);
        stats.Update(2, 40_003, 480, 2480, 8000);

        Assert.Equal(13, stats.PacketsReceived);
        Assert.Equal(1, stats.PacketsLost);
    }

    [Fact]
    public void A_single_wild_jump_is_ignored_until_confirmed()
    {
        var stats = new ReceiverStatistics(Frequency);
        for (var i = 0; i < 10; i++)
        {
            stats.Update(1, (ushort)i, (uint)(i * 160), i * 160, 8000);
        }

        Assert.False(stats.Update(1, 30_000, 0, 2000, 8000));
        Assert.True(stats.Update(1, 10, 1600, 1600, 8000));
        Assert.Equal(0, stats.PacketsLost);
    }

    [Fact]
    public void Jitter_of_a_48_khz_stream_is_reported_in_milliseconds()
    {
        var stats = new ReceiverStatistics(48_000);
        for (var i = 0; i < 2000; i++)
        {
            var delay = i % 2 == 0 ? 0 : 480;
            stats.Update(1, (ushort)i, (uint)(i * 960), (i * 960) + delay, 48_000);
        }

        Assert.Equal(10.0, stats.JitterMs, 1);
    }
}
