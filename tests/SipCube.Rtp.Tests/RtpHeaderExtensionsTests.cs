namespace SipCube.Rtp.Tests;

/// <summary>RFC 8285 one-byte and two-byte extension elements.</summary>
public sealed class RtpHeaderExtensionsTests
{
    [Fact]
    public void One_byte_form_skips_padding_and_stops_at_id_15()
    {
        byte[] data = Convert.FromHexString("10AA" + "00" + "21BBCC" + "F0" + "30DD");
        var e = new RtpHeaderExtensions.Enumerator(RtpHeaderExtensions.OneByteProfile, data);
        Assert.True(e.MoveNext());
        Assert.Equal(1, e.Id);
        Assert.True(e.MoveNext());
        Assert.Equal(2, e.Id);
        Assert.Equal(new byte[] { 0xBB, 0xCC }, e.Value.ToArray());
        Assert.False(e.MoveNext());
        Assert.False(RtpHeaderExtensions.TryFind(RtpHeaderExtensions.OneByteProfile, data, 3, out _));
    }

    [Fact]
    public void Two_byte_form_allows_empty_and_long_values()
    {
        byte[] data = new byte[64];
        Assert.True(RtpHeaderExtensions.TryWriteTwoByte(data, 200, [], out int a));
        Assert.True(RtpHeaderExtensions.TryWriteTwoByte(data.AsSpan(a), 7, new byte[20], out _));
        Assert.True(RtpHeaderExtensions.TryFind(RtpHeaderExtensions.TwoByteProfile, data, 200, out ReadOnlySpan<byte> empty));
        Assert.True(empty.IsEmpty);
        Assert.True(RtpHeaderExtensions.TryFind(0x1003, data, 7, out ReadOnlySpan<byte> twenty));
        Assert.Equal(20, twenty.Length);
    }

    [Fact]
    public void Overrunning_element_is_reported_as_malformed()
    {
        var e = new RtpHeaderExtensions.Enumerator(RtpHeaderExtensions.OneByteProfile, Convert.FromHexString("13AA"));
        Assert.False(e.MoveNext());
        Assert.True(e.Malformed);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(15, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 17)]
    public void One_byte_writer_refuses_what_the_form_cannot_carry(byte id, int length) =>
        Assert.False(RtpHeaderExtensions.TryWriteOneByte(new byte[32], id, new byte[length], out _));

    [Fact]
    public void Unknown_profiles_have_no_elements() =>
        Assert.False(new RtpHeaderExtensions.Enumerator(0x1234, new byte[8]).MoveNext());
}
