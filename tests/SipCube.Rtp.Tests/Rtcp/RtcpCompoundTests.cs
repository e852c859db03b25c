using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SipCube.Rtp.Rtcp;

namespace SipCube.Rtp.Tests.Rtcp;

/// <summary>Compound RTCP: every modelled type round trips, Chromium's REMB/transport-cc are kept raw,
/// truncations and random bytes are rejected without throwing.</summary>
public sealed class RtcpCompoundTests
{
    private static readonly ReceptionReport Block = new(0x11223344, 25, -3, 0x0001_0010, 120, 0xAABBCCDD, 65536);

    // Shapes as Chromium sends them: REMB is PSFB FMT 15 with "REMB", transport-cc is RTPFB FMT 15.
    private static readonly byte[] Remb = Convert.FromHexString("8FCE0005" + "00000001" + "00000000" + "52454D42" + "0103E8FF" + "11223344");
    private static readonly byte[] TransportCc = Convert.FromHexString("8FCD0005" + "00000001" + "11223344" + "00010002" + "00000100" + "20020000");

    private static List<RtcpPacket> AllTypes() =>
    [
        new RtcpSenderReport { Ssrc = 1, NtpTimestamp = 0xE000_0000_8000_0000, RtpTimestamp = 48000, PacketCount = 10, OctetCount = 1600, Reports = [Block] },
        new RtcpReceiverReport { Ssrc = 2, Reports = [Block, Block with { Ssrc = 5 }] },
        new RtcpSourceDescription { Chunks = [(1, [(RtcpSourceDescription.CnameItem, "sipcube@node-1")]), (2, [(1, "x"), (2, "Name")])] },
        new GenericNack { SenderSsrc = 1, MediaSsrc = 0x11223344, LostSequenceNumbers = [100, 101, 116, 117, 65535, 3] },
        new PictureLossIndication { SenderSsrc = 1, MediaSsrc = 0x11223344 },
        new FullIntraRequest { SenderSsrc = 1, Entries = [(0x11223344, 7), (0x55667788, 8)] },
        new RtcpGoodbye { Sources = [1, 2], Reason = "hangup" },
    ];

    [Fact]
    public void All_modelled_types_round_trip_in_one_compound()
    {
        List<RtcpPacket> packets = AllTypes();
        byte[] buffer = new byte[RtcpCompound.GetSize(packets)];
        Assert.True(RtcpCompound.TryWrite(packets, buffer, out int written));
        Assert.Equal(buffer.Length, written);

        var parsed = new List<RtcpPacket>();
        Assert.Equal(RtcpParseResult.Ok, RtcpCompound.TryParse(buffer, parsed));
        Assert.Equal(packets.Select(p => p.GetType()), parsed.Select(p => p.GetType()));

        var sr = (RtcpSenderReport)parsed[0];
        Assert.Equal(0xE000_0000_8000_0000UL, sr.NtpTimestamp);
        Assert.Equal(Block, sr.Reports[0]);
        Assert.Equal(5u, ((RtcpReceiverReport)parsed[1]).Reports[1].Ssrc);
        Assert.Equal("sipcube@node-1", ((RtcpSourceDescription)parsed[2]).Chunks[0].Items[0].Text);
        Assert.Equal([100, 101, 116, 117, 65535, 3], ((GenericNack)parsed[3]).LostSequenceNumbers);
        Assert.Equal(0x11223344u, ((PictureLossIndication)parsed[4]).MediaSsrc);
        Assert.Equal((0x55667788u, (byte)8), ((FullIntraRequest)parsed[5]).Entries[1]);
        Assert.Equal("hangup", ((RtcpGoodbye)parsed[6]).Reason);

        byte[] again = new byte[buffer.Length];
        RtcpCompound.TryWrite(parsed, again, out _);
        Assert.Equal(buffer, again);
    }

    [Fact]
    public void Remb_and_transport_cc_are_kept_raw_without_failing_the_compound()
    {
        byte[] rr = Write(new RtcpReceiverReport { Ssrc = 9, Reports = [Block] });
        byte[] compound = [.. rr, .. Remb, .. TransportCc, .. Write(RtcpSourceDescription.WithCname(9, "c"))];
        var parsed = new List<RtcpPacket>();

        Assert.Equal(RtcpParseResult.Ok, RtcpCompound.TryParse(compound, parsed));
        Assert.IsType<RtcpReceiverReport>(parsed[0]);
        var remb = Assert.IsType<RtcpRawPacket>(parsed[1]);
        Assert.Equal((RtcpPacketType.PayloadFeedback, (byte)15), (remb.PacketType, remb.Format));
        var twcc = Assert.IsType<RtcpRawPacket>(parsed[2]);
        Assert.Equal((RtcpPacketType.TransportFeedback, (byte)15), (twcc.PacketType, twcc.Format));
        Assert.Equal(TransportCc, twcc.Bytes.ToArray());
        Assert.IsType<RtcpSourceDescription>(parsed[3]);
    }

    [Fact]
    public void A_malformed_known_packet_is_kept_raw_and_the_rest_still_parses()
    {
        byte[] brokenSdes = Convert.FromHexString("81CA0002" + "00000009" + "01050000");
        byte[] compound = [.. brokenSdes, .. Write(new RtcpGoodbye { Sources = [9] })];
        var parsed = new List<RtcpPacket>();
        Assert.Equal(RtcpParseResult.Ok, RtcpCompound.TryParse(compound, parsed));
        Assert.IsType<RtcpRawPacket>(parsed[0]);
        Assert.IsType<RtcpGoodbye>(parsed[1]);
    }

    [Theory]
    [InlineData("", RtcpParseResult.TooShort)]
    [InlineData("80C9", RtcpParseResult.TooShort)]
    [InlineData("40C90001DEADBEEF", RtcpParseResult.BadVersion)]
    [InlineData("80C90002DEADBEEF", RtcpParseResult.TooShort)]
    [InlineData("A0C90001DEADBEEF" + "80C90001DEADBEEF", RtcpParseResult.BadPadding)]
    public void Rejects_broken_headers(string hex, RtcpParseResult expected) =>
        Assert.Equal(expected, RtcpCompound.TryParse(Convert.FromHexString(hex), []));

    [Fact]
    public void Every_truncated_prefix_is_rejected_or_yields_fewer_packets()
    {
        List<RtcpPacket> packets = AllTypes();
        byte[] buffer = new byte[RtcpCompound.GetSize(packets)];
        RtcpCompound.TryWrite(packets, buffer, out _);
        for (int length = 0; length < buffer.Length; length++)
        {
            var parsed = new List<RtcpPacket>();
            RtcpParseResult result = RtcpCompound.TryParse(buffer.AsSpan(0, length), parsed);
            Assert.True(result != RtcpParseResult.Ok || parsed.Count < packets.Count);
        }
    }

    [Theory]
    [InlineData("80C90007")]
    [InlineData("81C80001DEADBEEF")]
    [InlineData("82CA0001DEADBEEF")]
    [InlineData("82CB0001DEADBEEF")]
    [InlineData("81CD0001DEADBEEF")]
    [InlineData("81CE0001DEADBEEF")]
    [InlineData("84CE0001DEADBEEF")]
    public void Each_typed_parser_rejects_a_count_or_length_it_cannot_hold(string hex) =>
        Assert.NotEqual(RtcpParseResult.Ok, ParseTyped(Convert.FromHexString(hex)));

    [Property(MaxTest = 1000)]
    public Property Random_bytes_never_throw(byte[] bytes)
    {
        var parsed = new List<RtcpPacket>();
        RtcpParseResult result = RtcpCompound.TryParse(bytes, parsed);
        int size = RtcpCompound.GetSize(parsed);
        return (result != RtcpParseResult.Ok || size == bytes.Length).ToProperty();
    }

    private static RtcpParseResult ParseTyped(byte[] data) => data[1] switch
    {
        200 => RtcpSenderReport.TryParse(data, out _, out _),
        201 => RtcpReceiverReport.TryParse(data, out _, out _),
        202 => RtcpSourceDescription.TryParse(data, out _, out _),
        203 => RtcpGoodbye.TryParse(data, out _, out _),
        205 => GenericNack.TryParse(data, out _, out _),
        _ => (data[0] & 0x1F) == 1 ? PictureLossIndication.TryParse(data, out _, out _) : FullIntraRequest.TryParse(data, out _, out _),
    };

    private static byte[] Write(RtcpPacket packet)
    {
        byte[] buffer = new byte[packet.GetSize()];
        Assert.True(packet.TryWrite(buffer, out _));
        return buffer;
    }
}
