using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SipCube.Rtp.Tests;

/// <summary>RTP header, CSRCs, extension and padding: table tests, round trips, truncation and fuzz.</summary>
public sealed class RtpPacketTests
{
    private static readonly byte[] Sample = Convert.FromHexString(
        "B2E0ABCD" + "00010203" + "DEADBEEF" + "11111111" + "22222222" + "BEDE0001" + "10AA0000" + "C0FFEE" + "000003");

    [Fact]
    public void Parses_csrcs_extension_marker_and_padding()
    {
        Assert.Equal(RtpParseResult.Ok, RtpPacket.TryParse(Sample, out RtpPacket packet, out int consumed));
        Assert.Equal(Sample.Length, consumed);
        Assert.True(packet.Marker);
        Assert.Equal(96, packet.PayloadType);
        Assert.Equal(0xABCD, packet.SequenceNumber);
        Assert.Equal(0x00010203u, packet.Timestamp);
        Assert.Equal(0xDEADBEEFu, packet.Ssrc);
        Assert.Equal(2, packet.CsrcCount);
        Assert.Equal(0x22222222u, packet.Csrc(1));
        Assert.Equal(RtpHeaderExtensions.OneByteProfile, packet.ExtensionProfile);
        Assert.Equal(new byte[] { 0xC0, 0xFF, 0xEE }, packet.Payload.ToArray());
        Assert.Equal(3, packet.PaddingLength);
        Assert.True(RtpHeaderExtensions.TryFind(packet.ExtensionProfile, packet.ExtensionData, 1, out ReadOnlySpan<byte> level));
        Assert.Equal(new byte[] { 0xAA }, level.ToArray());
    }

    [Fact]
    public void Round_trips_byte_for_byte()
    {
        RtpPacket.TryParse(Sample, out RtpPacket packet, out _);
        byte[] buffer = new byte[packet.GetSize()];
        Assert.True(packet.TryWrite(buffer, out int written));
        Assert.Equal(Sample, buffer[..written]);
        Assert.False(packet.TryWrite(new byte[written - 1], out _));
    }

    [Theory]
    [InlineData("00", RtpParseResult.TooShort)]
    [InlineData("40000000000000000000000000", RtpParseResult.BadVersion)]
    [InlineData("81000000000000000000000000", RtpParseResult.CsrcOverrun)]
    [InlineData("90000000000000000000000000", RtpParseResult.ExtensionOverrun)]
    [InlineData("900000000000000000000000BEDE0002000000", RtpParseResult.ExtensionOverrun)]
    [InlineData("A000000000000000000000000000", RtpParseResult.BadPadding)]
    [InlineData("A000000000000000000000000005", RtpParseResult.BadPadding)]
    public void Rejects_bad_headers_with_a_reason(string hex, RtpParseResult expected) =>
        Assert.Equal(expected, RtpPacket.TryParse(Convert.FromHexString(hex), out _, out _));

    [Fact]
    public void Every_truncated_prefix_of_the_header_is_rejected()
    {
        for (int length = 0; length < 28; length++)
        {
            Assert.NotEqual(RtpParseResult.Ok, RtpPacket.TryParse(Sample.AsSpan(0, length), out _, out _));
        }
    }

    [Property(MaxTest = 1000)]
    public Property Random_bytes_never_throw_and_parsed_packets_round_trip(byte[] bytes)
    {
        if (RtpPacket.TryParse(bytes, out RtpPacket packet, out int consumed) != RtpParseResult.Ok)
        {
            return true.ToProperty();
        }

        byte[] buffer = new byte[packet.GetSize()];
        bool wrote = packet.TryWrite(buffer, out int written);

        // Padding content other than the count byte and the X bit's profile are normalised, so compare the parse.
        return (wrote && written == consumed && RtpPacket.TryParse(buffer, out RtpPacket again, out _) == RtpParseResult.Ok
            && again.SequenceNumber == packet.SequenceNumber && again.Payload.SequenceEqual(packet.Payload)
            && again.ExtensionData.SequenceEqual(packet.ExtensionData) && again.Csrcs.SequenceEqual(packet.Csrcs)).ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property Built_packets_round_trip(bool marker, byte pt, ushort seq, uint ts, uint ssrc, byte[] payload, byte padding)
    {
        byte pad = (byte)(padding % 8);
        var packet = new RtpPacket(marker, (byte)(pt & 0x7F), seq, ts, ssrc, payload, csrcs: new byte[8], paddingLength: pad);
        byte[] buffer = new byte[packet.GetSize()];
        packet.TryWrite(buffer, out _);
        return (RtpPacket.TryParse(buffer, out RtpPacket back, out _) == RtpParseResult.Ok && back.Marker == marker
            && back.Timestamp == ts && back.Ssrc == ssrc && back.Payload.SequenceEqual(payload) && back.PaddingLength == pad).ToProperty();
    }
}
