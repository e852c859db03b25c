namespace SipCube.WebRtc.Tests;

public class PacketDemuxTests
{
    [Theory]
    [InlineData(0, 1, "Stun")]
    [InlineData(3, 0, "Stun")]
    [InlineData(16, 0, "Unknown")]
    [InlineData(20, 0, "Dtls")]
    [InlineData(22, 254, "Dtls")]
    [InlineData(63, 0, "Dtls")]
    [InlineData(64, 0, "Unknown")]
    [InlineData(128, 111, "Rtp")]
    [InlineData(0x90, 0, "Rtp")]
    [InlineData(0x80, 200, "Rtcp")]
    [InlineData(0x81, 201, "Rtcp")]
    [InlineData(0x8F, 206, "Rtcp")]
    [InlineData(191, 223, "Rtcp")]
    [InlineData(192, 0, "Unknown")]
    [InlineData(255, 0, "Unknown")]
    public void First_byte_selects_the_protocol_per_rfc7983(byte first, byte second, string expected) =>
        Assert.Equal(expected, PacketDemux.Classify([first, second, 0, 0]).ToString());

    [Fact]
    public void One_byte_datagrams_are_unknown() => Assert.Equal(DatagramKind.Unknown, PacketDemux.Classify([0]));
}
