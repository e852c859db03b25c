using System.Net;
using SipCube.Media.Relay;

namespace SipCube.Media.Tests;

public class SymmetricRtpLatchTests
{
    private const long Frequency = 1000;
    private static readonly PayloadTypeMap Map = PayloadTypeMap.Create([RtpCodec.Pcmu], [RtpCodec.Pcmu]);
    private static readonly SocketAddress Signalled = new IPEndPoint(IPAddress.Parse("192.168.1.20"), 4000).Serialize();
    private static readonly SocketAddress Nat = new IPEndPoint(IPAddress.Parse("203.0.113.7"), 61000).Serialize();
    private static readonly SocketAddress Attacker = new IPEndPoint(IPAddress.Parse("198.51.100.66"), 5555).Serialize();
    private static readonly byte[] Rtp = Packets.Rtp(0, 1, 1, 1);

    private static SymmetricRtpLatch Create()
    {
        var latch = new SymmetricRtpLatch(TimeSpan.FromSeconds(2), Frequency);
        latch.SetSignalled(new IPEndPoint(IPAddress.Parse("192.168.1.20"), 4000));
        latch.Open(10_000);
        return latch;
    }

    [Fact]
    public void Media_from_the_signalled_address_latches_and_others_are_refused_afterwards()
    {
        var latch = Create();

        Assert.True(latch.Accept(Signalled, Rtp, Map, 10_100));
        Assert.False(latch.Accept(Attacker, Rtp, Map, 10_200));
        Assert.Equal(Signalled, latch.Destination);
    }

    [Fact]
    public void Natted_phone_latches_from_its_public_address_within_the_window()
    {
        var latch = Create();

        Assert.True(latch.Accept(Nat, Rtp, Map, 11_500));
        Assert.False(latch.Accept(Attacker, Rtp, Map, 11_600));
        Assert.False(latch.Accept(Signalled, Rtp, Map, 11_700));
        Assert.Equal(Nat, latch.Destination);
    }

    [Fact]
    public void Unsignalled_source_after_the_window_is_refused_rtp_bleed_guard()
    {
        var latch = Create();

        Assert.False(latch.Accept(Attacker, Rtp, Map, 12_001));
        Assert.False(latch.IsLatched);
        Assert.Equal(Signalled, latch.Destination);
    }

    [Fact]
    public void Unsignalled_source_before_the_answer_is_refused()
    {
        var latch = Create();

        Assert.False(latch.Accept(Nat, Rtp, Map, 9_000));
    }

    [Fact]
    public void Unsignalled_source_is_refused_while_the_window_was_never_opened()
    {
        var latch = new SymmetricRtpLatch(TimeSpan.FromSeconds(2), Frequency);
        latch.SetSignalled(new IPEndPoint(IPAddress.Parse("192.168.1.20"), 4000));

        Assert.False(latch.Accept(Nat, Rtp, Map, 0));
        Assert.False(latch.Accept(Nat, Rtp, Map, long.MaxValue));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(200)]
    public void Packets_that_do_not_look_like_our_rtp_never_latch(byte payloadTypeOrRtcp)
    {
        var latch = Create();
        var packet = Packets.Rtp(0, 1, 1, 1);
        packet[1] = payloadTypeOrRtcp;

        Assert.False(latch.Accept(Nat, packet, Map, 10_500));
        Assert.False(latch.Accept(Nat, new byte[] { 1, 2, 3 }, Map, 10_500));
    }

    [Fact]
    public void Reinvite_to_a_new_address_unlatches_and_follows_it()
    {
        var latch = Create();
        latch.Accept(Signalled, Rtp, Map, 10_100);

        latch.SetSignalled(new IPEndPoint(IPAddress.Parse("192.168.1.30"), 4002));

        Assert.False(latch.IsLatched);
        Assert.True(latch.Accept(new IPEndPoint(IPAddress.Parse("192.168.1.30"), 4002).Serialize(), Rtp, Map, 50_000));
    }

    [Fact]
    public void Latched_address_is_a_copy_not_the_callers_reused_buffer()
    {
        var latch = Create();
        var reused = new IPEndPoint(IPAddress.Parse("203.0.113.7"), 61000).Serialize();
        latch.Accept(reused, Rtp, Map, 10_100);

        reused.Buffer.Span[4] ^= 0xFF;

        Assert.Equal(Nat, latch.Destination);
    }
}
