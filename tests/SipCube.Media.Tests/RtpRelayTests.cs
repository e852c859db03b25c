using System.Net;
using SipCube.Media.Relay;

namespace SipCube.Media.Tests;

public class RtpRelayTests
{
    private const long Frequency = 1_000_000;
    private static readonly SocketAddress Phone = new IPEndPoint(IPAddress.Loopback, 40_000).Serialize();
    private static readonly SocketAddress Stranger = new IPEndPoint(IPAddress.Loopback, 40_002).Serialize();

    private static RtpRelay Create()
    {
        var relay = new RtpRelay(
            new RtpRelayOptions
            {
                SipCodecs = [RtpCodec.Pcmu, new RtpCodec(101, "telephone-event", 8000)],
                AppCodecs = [new RtpCodec(111, "opus", 48000), RtpCodec.Pcmu, new RtpCodec(126, "telephone-event", 8000)],
                Random = new Random(7),
            },
            Frequency);
        relay.SipLatch.SetSignalled(new IPEndPoint(IPAddress.Loopback, 40_000));
        relay.SipLatch.Open(0);
        return relay;
    }

    [Fact]
    public void Both_directions_are_reframed_and_counted()
    {
        var relay = Create();
        for (var i = 0; i < 50; i++)
        {
            if (i != 20)
            {
                Assert.Equal(RelayResult.Forwarded, relay.FromSip(Packets.Rtp(0, (ushort)i, (uint)(i * 160), 0x1111), Phone, i * 20_000));
            }

            Assert.Equal(RelayResult.Forwarded, relay.FromApp(Packets.Rtp(0, (ushort)(9000 + i), (uint)(i * 160), 0x2222), i * 20_000));
        }

        var sip = relay.SipStatistics;
        var app = relay.AppStatistics;
        Assert.Equal((49L, 1L), (sip.PacketsReceived, sip.PacketsLost));
        Assert.Equal(50, sip.PacketsSent);
        Assert.Equal((50L, 0L), (app.PacketsReceived, app.PacketsLost));
        Assert.Equal(49, app.PacketsSent);
        Assert.Equal(49 * 20_000, sip.LastReceived);
        Assert.Equal("PCMU", relay.SipCodec);
        Assert.InRange(sip.Mos, 3.5, app.Mos);
        Assert.False(relay.NoSharedCodec);
    }

    [Fact]
    public void Media_from_a_stranger_is_refused_once_the_phone_is_latched()
    {
        var relay = Create();
        relay.FromSip(Packets.Rtp(0, 1, 160, 0x1111), Phone, 100);

        Assert.Equal(RelayResult.UnexpectedSource, relay.FromSip(Packets.Rtp(0, 2, 320, 0x6666), Stranger, 200));
        Assert.Equal(1, relay.SipToApp.PacketsSent);
    }

    [Fact]
    public void Dtmf_event_without_marker_gets_one_on_its_first_packet_and_is_counted_once()
    {
        var relay = Create();
        var first = Packets.Dtmf(101, 10, 8000, 0x1111, 7, end: false, 160);
        var middle = Packets.Dtmf(101, 11, 8000, 0x1111, 7, end: false, 320);
        var ends = Enumerable.Range(12, 3).Select(s => Packets.Dtmf(101, (ushort)s, 8000, 0x1111, 7, end: true, 480)).ToArray();

        relay.FromSip(first, Phone, 1);
        relay.FromSip(middle, Phone, 2);
        foreach (var end in ends)
        {
            Assert.Equal(RelayResult.Forwarded, relay.FromSip(end, Phone, 3));
        }

        Assert.True(Packets.Marker(first));
        Assert.False(Packets.Marker(middle));
        Assert.Equal(126, Packets.Pt(first));
        Assert.Equal(1, relay.SipStatistics.DtmfDigits);
        Assert.True(relay.SipDtmf.TryTake(out var digit));
        Assert.Equal('7', digit.Symbol);
    }

    [Fact]
    public void Legs_without_a_shared_codec_are_reported()
    {
        var relay = new RtpRelay(new RtpRelayOptions { SipCodecs = [new RtpCodec(18, "G729", 8000)], AppCodecs = [new RtpCodec(111, "opus", 48000)] }, Frequency);

        Assert.True(relay.NoSharedCodec);
        Assert.Null(relay.SipCodec);
    }

    [Fact]
    public void Rtcp_round_trip_translates_both_ways()
    {
        var relay = Create();
        relay.FromSip(Packets.Rtp(0, 1, 160, 0x1111), Phone, 0);
        relay.FromApp(Packets.Rtp(0, 1, 160, 0x2222), 0);
        var sr = Packets.SenderReportWithSdes(0x1111, 0x0102_0304, 160, relay.AppToSip.OutSsrc, 1u + relay.AppToSip.SequenceOffset, 0, 0);

        Assert.Equal(RelayResult.Forwarded, relay.RtcpFromSip(sr, sr.Length, 1000, out var srLength));
        var rr = Packets.ReceiverReport(0x2222, (relay.SipToApp.OutSsrc, (uint)(ushort)(1 + relay.SipToApp.SequenceOffset), 0x0102_0304, 0));
        Assert.Equal(RelayResult.Forwarded, relay.RtcpFromApp(rr, rr.Length, 21_000, out _));

        Assert.Equal(52, srLength);
        Assert.Equal(20.0, relay.AppStatistics.RttMs!.Value, 3);
    }

    [Fact]
    public void Relaying_a_packet_allocates_nothing()
    {
        var relay = Create();
        var sipPacket = Packets.Rtp(0, 1, 160, 0x1111);
        var appPacket = Packets.Rtp(0, 1, 160, 0x2222);
        var dtmf = Packets.Dtmf(101, 1, 160, 0x1111, 1, end: true, 160);
        var rtcp = Packets.SenderReportWithSdes(0x1111, 1, 2, 3, 4, 5, 6);
        var rtcpCopy = new byte[rtcp.Length];
        relay.FromSip(sipPacket, Phone, 0);
        relay.FromApp(appPacket, 0);
        _ = relay.SipStatistics;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            sipPacket[3] = (byte)(2 * i);
            dtmf[3] = (byte)((2 * i) + 1);
            appPacket[3] = (byte)i;
            relay.FromSip(sipPacket, Phone, i);
            relay.FromApp(appPacket, i);
            relay.FromSip(dtmf, Phone, i);
            rtcp.CopyTo(rtcpCopy, 0);
            relay.RtcpFromSip(rtcpCopy, rtcpCopy.Length, i, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
