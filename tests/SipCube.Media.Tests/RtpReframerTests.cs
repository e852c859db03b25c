using SipCube.Media.Relay;

namespace SipCube.Media.Tests;

public class RtpReframerTests
{
    private const long Frequency = 1_000_000;
    private static readonly RtpCodec[] Sip = [RtpCodec.Pcmu, new(101, "telephone-event", 8000)];
    private static readonly RtpCodec[] App = [new(111, "opus", 48000), RtpCodec.Pcmu, new(126, "telephone-event", 8000)];

    private static RtpReframer Create() =>
        new(PayloadTypeMap.Create(Sip, App), outSsrc: 0xCAFE, initialSequence: 65530, initialTimestamp: 1000, Frequency);

    [Fact]
    public void First_packet_gets_our_ssrc_and_initial_sequence_and_timestamp()
    {
        var reframer = Create();
        var p = Packets.Rtp(0, 100, 5000, 0x1111);

        Assert.Equal(RelayResult.Forwarded, reframer.Rewrite(p, 0));

        Assert.Equal(0xCAFEu, Packets.Ssrc(p));
        Assert.Equal(65530, Packets.Seq(p));
        Assert.Equal(1000u, Packets.Ts(p));
        Assert.Equal(1, reframer.PacketsSent);
        Assert.Equal(160, reframer.OctetsSent);
    }

    [Fact]
    public void Gaps_and_reordering_within_one_source_are_preserved_across_sequence_wrap()
    {
        var reframer = Create();
        ushort[] input = [100, 101, 103, 102, 110];
        var output = input.Select((seq, i) =>
        {
            var p = Packets.Rtp(0, seq, 5000u + ((uint)(seq - 100) * 160), 0x1111);
            reframer.Rewrite(p, i);
            return (Packets.Seq(p), Packets.Ts(p));
        }).ToArray();

        Assert.Equal([(65530, 1000u), (65531, 1160u), (65533, 1480u), (65532, 1320u), (4, 2600u)], output);
    }

    [Fact]
    public void New_source_continues_the_sequence_advances_time_by_the_wall_clock_and_sets_the_marker()
    {
        var reframer = Create();
        var first = Packets.Rtp(0, 100, 5000, 0x1111);
        reframer.Rewrite(first, 0);
        var second = Packets.Rtp(0, 101, 5160, 0x1111);
        reframer.Rewrite(second, 20_000);

        var switched = Packets.Rtp(0, 7, 90_000, 0x2222);
        reframer.Rewrite(switched, 520_000);
        var next = Packets.Rtp(0, 8, 90_160, 0x2222);
        reframer.Rewrite(next, 540_000);

        Assert.Equal((ushort)(Packets.Seq(second) + 1), Packets.Seq(switched));
        Assert.Equal(Packets.Ts(second) + 4000u, Packets.Ts(switched));
        Assert.True(Packets.Marker(switched));
        Assert.False(Packets.Marker(next));
        Assert.Equal(Packets.Ts(switched) + 160, Packets.Ts(next));
        Assert.Equal(0xCAFEu, Packets.Ssrc(next));
    }

    [Fact]
    public void Immediate_source_switch_still_advances_the_timestamp_by_one_frame()
    {
        var reframer = Create();
        var first = Packets.Rtp(0, 100, 5000, 0x1111);
        reframer.Rewrite(first, 0);
        var switched = Packets.Rtp(0, 1, 1, 0x2222);
        reframer.Rewrite(switched, 0);

        Assert.Equal(Packets.Ts(first) + 160, Packets.Ts(switched));
    }

    [Fact]
    public void Stragglers_of_the_old_source_are_dropped_but_it_may_come_back_later()
    {
        var reframer = Create();
        reframer.Rewrite(Packets.Rtp(0, 100, 5000, 0x1111), 0);
        reframer.Rewrite(Packets.Rtp(0, 1, 1, 0x2222), 10_000);

        Assert.Equal(RelayResult.StaleSource, reframer.Rewrite(Packets.Rtp(0, 101, 5160, 0x1111), 20_000));
        Assert.Equal(RelayResult.Forwarded, reframer.Rewrite(Packets.Rtp(0, 500, 9000, 0x1111), 2_000_000));
    }

    [Fact]
    public void Payload_types_are_mapped_and_unshared_ones_dropped()
    {
        var reframer = Create();
        var dtmf = Packets.Dtmf(101, 1, 1, 0x1111, 5, false, 160);
        Assert.Equal(RelayResult.Forwarded, reframer.Rewrite(dtmf, 0));
        Assert.Equal(126, Packets.Pt(dtmf));

        Assert.Equal(RelayResult.UnknownPayloadType, reframer.Rewrite(Packets.Rtp(8, 2, 2, 0x1111), 0));
        Assert.Equal(RelayResult.UnknownPayloadType, reframer.Rewrite(Packets.Rtp(111, 2, 2, 0x1111), 0));
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0, 0, 1 })]
    [InlineData(new byte[] { 0x40, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1 })]
    [InlineData(new byte[] { 0x81, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1 })]
    [InlineData(new byte[] { 0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE, 0, 2, 0, 0, 0, 0 })]
    public void Malformed_packets_are_refused(byte[] packet) =>
        Assert.Equal(RelayResult.Malformed, Create().Rewrite(packet, 0));

    [Fact]
    public void Header_extension_and_csrcs_are_kept_and_not_counted_as_payload()
    {
        var reframer = Create();
        var p = Packets.Rtp(0, 1, 1, 0x1111, payloadLength: 8 + 160);
        p[0] = 0x90;
        p[12] = 0xBE;
        p[13] = 0xDE;
        p[14] = 0;
        p[15] = 1;

        Assert.Equal(RelayResult.Forwarded, reframer.Rewrite(p, 0));
        Assert.Equal(160, reframer.OctetsSent);
        Assert.Equal(0xBE, p[12]);
    }
}
