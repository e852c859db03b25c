using FsCheck.Xunit;
using SipCube.Codecs.Jitter;
using SipCube.Testing;

namespace SipCube.Codecs.Tests;

public class JitterBufferTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void Reorders_by_sequence_and_conceals_a_gap()
    {
        var clock = TestClock.Create();
        var buffer = new JitterBuffer(clock, JitterBufferOptions.For(8000));
        var payload = new byte[1500];
        Assert.Equal(JitterPushResult.Accepted, buffer.Push(102, 320, [2]));
        Assert.Equal(JitterPushResult.Accepted, buffer.Push(100, 0, [0]));
        Assert.Equal(JitterPushResult.Accepted, buffer.Push(103, 480, [3]));
        Assert.Equal(JitterFrameKind.Buffering, buffer.Pop(payload).Kind);
        clock.Advance(TimeSpan.FromMilliseconds(200));

        var first = buffer.Pop(payload);
        Assert.Equal((JitterFrameKind.Frame, (ushort)100, (byte)0), (first.Kind, first.Sequence, payload[0]));
        var gap = buffer.Pop(payload);
        Assert.Equal((JitterFrameKind.Conceal, (ushort)101), (gap.Kind, gap.Sequence));
        var third = buffer.Pop(payload);
        Assert.Equal((JitterFrameKind.Frame, (ushort)102, 1, (byte)2), (third.Kind, third.Sequence, third.Length, payload[0]));
        Assert.Equal(1, buffer.ConcealCount);
    }

    [Fact]
    public void Late_and_duplicate_packets_are_dropped()
    {
        var clock = TestClock.Create();
        var buffer = new JitterBuffer(clock, JitterBufferOptions.For(8000));
        var payload = new byte[1500];
        buffer.Push(10, 0, [1]);
        Assert.Equal(JitterPushResult.Duplicate, buffer.Push(10, 0, [1]));
        clock.Advance(Frame);
        Assert.Equal(JitterFrameKind.Frame, buffer.Pop(payload).Kind);
        Assert.Equal(JitterPushResult.Late, buffer.Push(10, 0, [1]));
        Assert.Equal(JitterPushResult.Late, buffer.Push(9, 0, [1]));
        Assert.Equal(JitterFrameKind.Underrun, buffer.Pop(payload).Kind);
        Assert.Equal((1, 2), (buffer.DuplicateCount, buffer.LateCount));
    }

    [Fact]
    public void Sequence_wrap_is_in_order()
    {
        var clock = TestClock.Create();
        var buffer = new JitterBuffer(clock, JitterBufferOptions.For(8000));
        var payload = new byte[1500];
        buffer.Push(0, 160, [2]);
        buffer.Push(65535, 0, [1]);
        clock.Advance(TimeSpan.FromMilliseconds(200));
        var first = buffer.Pop(payload);
        var second = buffer.Pop(payload);
        Assert.Equal((JitterFrameKind.Frame, (ushort)65535, (byte)1), (first.Kind, first.Sequence, (byte)1));
        Assert.Equal((JitterFrameKind.Frame, (ushort)0, (byte)2), (second.Kind, second.Sequence, payload[0]));
    }

    [Fact]
    public void A_large_jump_restarts_the_stream()
    {
        var clock = TestClock.Create();
        var buffer = new JitterBuffer(clock, JitterBufferOptions.For(8000));
        buffer.Push(1, 0, [1]);
        Assert.Equal(JitterPushResult.Restarted, buffer.Push(5000, 0, [2]));
        Assert.Equal(1, buffer.Count);
        Assert.Equal(JitterPushResult.Accepted, buffer.Push(5100, 0, [3])); // beyond 64 slots: oldest given up
        Assert.Equal(1, buffer.Count);
        Assert.Equal(1, buffer.SkippedCount);
        Assert.Equal(JitterPushResult.TooLarge, buffer.Push(5001, 0, new byte[1501]));
    }

    [Fact]
    public void Target_delay_grows_with_jitter_and_stays_within_bounds()
    {
        var clock = TestClock.Create();
        var buffer = new JitterBuffer(clock, JitterBufferOptions.For(8000));
        var payload = new byte[1500];
        Assert.Equal(Frame, buffer.TargetDelay);
        for (ushort i = 0; i < 200; i++)
        {
            // Arrivals alternate 0 and 60 ms late against a 20 ms packet clock.
            clock.Advance(TimeSpan.FromMilliseconds(i % 2 == 0 ? 40 : 0));
            buffer.Push(i, (uint)(i * 160), [1]);
            buffer.Pop(payload);
        }

        Assert.True(buffer.Jitter > 100, $"jitter {buffer.Jitter}");
        Assert.True(buffer.TargetDelay > TimeSpan.FromMilliseconds(60), $"target {buffer.TargetDelay}");
        Assert.True(buffer.TargetDelay <= TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Push_and_pop_do_not_allocate()
    {
        var clock = TestClock.Create();
        var buffer = new JitterBuffer(clock, JitterBufferOptions.For(8000));
        var packet = new byte[160];
        var payload = new byte[1500];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (ushort i = 0; i < 500; i++)
        {
            buffer.Push(i, (uint)(i * 160), packet);
            clock.Advance(Frame);
            buffer.Pop(payload);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    /// <summary>Any reordering (bounded displacement), drop and duplication pattern, with pops interleaved anywhere,
    /// plays frames strictly in sequence order, each at most once and with its own payload.</summary>
    [Property(MaxTest = 300)]
    public bool Output_is_never_out_of_order_or_duplicated(int seed, ushort start, byte dropPercent, byte duplicatePercent)
    {
        var random = new Random(seed);
        var clock = TestClock.Create();
        var buffer = new JitterBuffer(clock, JitterBufferOptions.For(8000) with { Capacity = 32 });
        var arrivals = new List<ushort>();
        for (var i = 0; i < 300; i++)
        {
            if (random.Next(100) >= dropPercent % 60)
            {
                arrivals.Add((ushort)(start + i));
                if (random.Next(100) < duplicatePercent % 30)
                {
                    arrivals.Add((ushort)(start + i));
                }
            }
        }

        // Bounded reordering: swap neighbours up to 8 places apart.
        for (var i = 0; i < arrivals.Count; i++)
        {
            var j = Math.Min(arrivals.Count - 1, i + random.Next(8));
            (arrivals[i], arrivals[j]) = (arrivals[j], arrivals[i]);
        }

        var payload = new byte[1500];
        var played = new HashSet<ushort>();
        var last = -1;
        foreach (var sequence in arrivals)
        {
            buffer.Push(sequence, (uint)(sequence * 160), [(byte)sequence]);
            clock.Advance(TimeSpan.FromMilliseconds(random.Next(0, 40)));
            for (var pops = random.Next(0, 3); pops > 0; pops--)
            {
                var frame = buffer.Pop(payload);
                if (frame.Kind is JitterFrameKind.Frame or JitterFrameKind.Conceal)
                {
                    var position = (ushort)(frame.Sequence - start);
                    if (position <= last || (frame.Kind == JitterFrameKind.Frame && (!played.Add(frame.Sequence) || payload[0] != (byte)frame.Sequence)))
                    {
                        return false;
                    }

                    last = position;
                }
            }
        }

        return true;
    }
}
