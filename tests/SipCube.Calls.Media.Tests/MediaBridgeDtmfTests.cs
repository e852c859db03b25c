using System.Buffers.Binary;
using SipCube.Media.Transcoding;

namespace SipCube.Calls.Media.Tests;

/// <summary>RFC 4733 events through a transcoded bridge, and SIP INFO digits turned into events toward the app.</summary>
public sealed class MediaBridgeDtmfTests : BridgeHarness
{
    [SkippableFact]
    public async Task Phone_events_are_regenerated_on_the_apps_clock_with_a_marker_and_three_end_packets()
    {
        Skip.IfNot(TranscodingRelay.CanTranscode("opus", 48000), "libopus.so.0 is not installed");
        await using var bridge = TestBridges.Create();
        var (offer, phoneTarget) = await ConnectAsync(bridge, "0 101", "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n", 111, 110);
        Assert.Contains("110 telephone-event/48000", offer.Media[0].GetAttributes("rtpmap"));
        ushort seq = 1;
        await SendUntilAsync(() => Phone.SendTo(RtpPackets.Create(0, seq, 160u * seq++, 0x1234, new byte[160]), phoneTarget), () => !Browser.ReceivedRtp.IsEmpty);

        // Digit 7 from a sender that omits the marker and repeats its End packet three times.
        var eventTs = 160u * seq;
        foreach (var (duration, end) in new[] { (160, false), (320, false), (480, false), (640, true), (640, true), (640, true) })
        {
            Phone.SendTo(RtpPackets.Create(101, seq++, eventTs, 0x1234, [7, (byte)(end ? 0x8A : 0x0A), (byte)(duration >> 8), (byte)duration]), phoneTarget);
        }

        await WaitUntil(() => Browser.ReceivedRtp.Count(p => RtpPackets.PayloadType(p) == 110) >= 6);
        var events = Browser.ReceivedRtp.Where(p => RtpPackets.PayloadType(p) == 110).ToList();
        Assert.Equal(6, events.Count);
        Assert.True((events[0][1] & 0x80) != 0, "the first event packet carries the marker");
        Assert.All(events.Skip(1), p => Assert.False((p[1] & 0x80) != 0));
        Assert.All(events, p => Assert.Equal(7, p[12]));
        Assert.Equal([960, 1920, 2880, 3840, 3840, 3840], events.Select(p => (int)BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(14))));
        Assert.Equal(3, events.Count(p => (p[13] & 0x80) != 0));
        Assert.Single(events.Select(Timestamp).Distinct());
        Assert.Equal(0, bridge.GetStats().Sip.PacketsLost);
    }

    [Fact]
    public async Task A_sip_info_digit_becomes_rfc4733_events_inside_the_passthrough_stream()
    {
        await using var bridge = TestBridges.Create();
        var (_, phoneTarget) = await ConnectAsync(bridge, "0 101", "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n", 0, 101);
        ushort seq = 1;
        await SendUntilAsync(() => Phone.SendTo(RtpPackets.Create(0, seq, 160u * seq++, 0x1234, new byte[160]), phoneTarget), () => !Browser.ReceivedRtp.IsEmpty);

        bridge.SendDtmfToApp('5', TimeSpan.FromMilliseconds(100));
        var source = PhoneEndPoint.Serialize();
        var start = TimeProvider.System.GetTimestamp();
        var step = TimeProvider.System.TimestampFrequency / 50;
        for (var i = 0; i < 10; i++)
        {
            var packet = new byte[2048];
            RtpPackets.Create(0, seq, 160u * seq++, 0x1234, new byte[160]).CopyTo(packet, 0);
            bridge.FromPhone(packet, 172, source, start + (i * step));
        }

        await WaitUntil(() => Browser.ReceivedRtp.Count(p => RtpPackets.PayloadType(p) == 101) >= 8);
        var events = Browser.ReceivedRtp.Where(p => RtpPackets.PayloadType(p) == 101).ToList();
        Assert.True((events[0][1] & 0x80) != 0, "marker on the first event packet");
        Assert.All(events, p => Assert.Equal(5, p[12]));
        Assert.Equal(3, events.Count(p => (p[13] & 0x80) != 0));
        Assert.All(events.Where(p => (p[13] & 0x80) != 0), p => Assert.Equal(800, BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(14))));
        Assert.Single(events.Select(Timestamp).Distinct());

        // Inserted events take their own sequence numbers: the browser sees one gap-free stream.
        var sequences = Browser.ReceivedRtp.Select(p => RtpPackets.Sequence(p)).ToList();
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
        Assert.Equal(sequences.Count - 1, (ushort)(sequences.Max() - sequences.Min()));
    }

    [Fact]
    public async Task A_sip_info_digit_is_ignored_when_the_app_has_no_telephone_event()
    {
        await using var bridge = TestBridges.Create();
        var (_, phoneTarget) = await ConnectAsync(bridge, "0", "a=rtpmap:0 PCMU/8000\r\n", 0);

        bridge.SendDtmfToApp('1', TimeSpan.FromMilliseconds(100));

        ushort seq = 1;
        await SendUntilAsync(() => Phone.SendTo(RtpPackets.Create(0, seq, 160u * seq++, 0x1234, new byte[160]), phoneTarget), () => Browser.ReceivedRtp.Count >= 10);
        Assert.All(Browser.ReceivedRtp, p => Assert.Equal(0, RtpPackets.PayloadType(p)));
    }
}
