using System.Buffers.Binary;
using SipCube.Media.Relay;

namespace SipCube.Media.Tests;

public class RtcpTranslatorTests
{
    private const long Frequency = 1_000_000;
    private static readonly RtpCodec[] Codecs = [RtpCodec.Pcmu];

    private readonly RtpReframer sipToApp = new(PayloadTypeMap.Create(Codecs, Codecs), 0xAAAA, 1000, 50_000, Frequency);
    private readonly RtpReframer appToSip = new(PayloadTypeMap.Create(Codecs, Codecs), 0xBBBB, 2000, 70_000, Frequency);
    private readonly LegRttTracker sipRtt = new(Frequency);
    private readonly LegRttTracker appRtt = new(Frequency);

    public RtcpTranslatorTests()
    {
        // The phone sends SSRC 0x1111 starting at seq 10; the app sends SSRC 0x2222 starting at seq 500.
        for (var i = 0; i < 3; i++)
        {
            sipToApp.Rewrite(Packets.Rtp(0, (ushort)(10 + i), (uint)(8000 + (i * 160)), 0x1111), i);
            appToSip.Rewrite(Packets.Rtp(0, (ushort)(500 + i), (uint)(90_000 + (i * 160)), 0x2222), i);
        }
    }

    private RtcpTranslator FromSip => new(sipToApp, appToSip, sipRtt, appRtt);

    private RtcpTranslator FromApp => new(appToSip, sipToApp, appRtt, sipRtt);

    [Fact]
    public void Sender_report_from_the_phone_is_rewritten_for_the_app_and_sdes_is_dropped()
    {
        var sr = Packets.SenderReportWithSdes(0x1111, ntpMiddle: 0x1234_5678, rtpTs: 8480, blockSsrc: 0xBBBB, highestSeq: 0x0001_0000 | 2002, lsr: 0, dlsr: 0);

        Assert.Equal(RelayResult.Forwarded, FromSip.Translate(sr, sr.Length, 10, out var length));

        Assert.Equal(52, length);
        var span = sr.AsSpan();
        Assert.Equal(0x81, span[0]);
        Assert.Equal(200, span[1]);
        Assert.Equal(12, BinaryPrimitives.ReadUInt16BigEndian(span[2..]));
        Assert.Equal(0xAAAAu, BinaryPrimitives.ReadUInt32BigEndian(span[4..]));
        Assert.Equal(50_000u + 480, BinaryPrimitives.ReadUInt32BigEndian(span[16..]));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32BigEndian(span[20..]));
        Assert.Equal(480u, BinaryPrimitives.ReadUInt32BigEndian(span[24..]));
        Assert.Equal(0x2222u, BinaryPrimitives.ReadUInt32BigEndian(span[28..]));
        Assert.Equal(0x0001_0000u | 502, BinaryPrimitives.ReadUInt32BigEndian(span[36..]));
        Assert.Equal(0x0A00_0005u, BinaryPrimitives.ReadUInt32BigEndian(span[32..]));
    }

    [Fact]
    public void Report_blocks_about_unknown_sources_are_removed()
    {
        var rr = Packets.ReceiverReport(0x2222, (0x9999, 1, 0, 0), (0xAAAA, 1001, 0, 0));

        Assert.Equal(RelayResult.Forwarded, FromApp.Translate(rr, rr.Length, 10, out var length));

        Assert.Equal(32, length);
        Assert.Equal(0x81, rr[0]);
        Assert.Equal(7, BinaryPrimitives.ReadUInt16BigEndian(rr.AsSpan(2)));
        Assert.Equal(0xBBBBu, BinaryPrimitives.ReadUInt32BigEndian(rr.AsSpan(4)));
        Assert.Equal(0x1111u, BinaryPrimitives.ReadUInt32BigEndian(rr.AsSpan(8)));
        Assert.Equal(11u, BinaryPrimitives.ReadUInt32BigEndian(rr.AsSpan(16)));
    }

    [Fact]
    public void Receiver_report_about_nothing_we_relay_is_consumed()
    {
        var rr = Packets.ReceiverReport(0x2222, (0x9999, 1, 0, 0));

        Assert.Equal(RelayResult.Consumed, FromApp.Translate(rr, rr.Length, 10, out var length));
        Assert.Equal(0, length);
    }

    [Fact]
    public void Rtt_of_each_leg_is_measured_from_the_reports_passing_through()
    {
        var sr = Packets.SenderReportWithSdes(0x1111, 0x1234_5678, 8480, 0xBBBB, 2002, 0, 0);
        FromSip.Translate(sr, sr.Length, now: 1_000_000, out _);

        // The app answers 150 ms later with LSR = that SR and DLSR = 100 ms: its leg RTT is 50 ms.
        var rr = Packets.ReceiverReport(0x2222, (0xAAAA, 1001, 0x1234_5678, 6554));
        FromApp.Translate(rr, rr.Length, now: 1_150_000, out _);

        Assert.Equal(50.0, appRtt.RttMs!.Value, 0);
        Assert.Null(sipRtt.RttMs);
    }

    [Theory]
    [InlineData(new byte[] { 0x81, 200, 0, 12, 0, 0 })]
    [InlineData(new byte[] { 0x01, 201, 0, 1, 0, 0, 0, 0 })]
    public void Truncated_or_wrong_version_rtcp_is_malformed(byte[] packet) =>
        Assert.Equal(RelayResult.Malformed, FromSip.Translate(packet, packet.Length, 0, out _));
}
