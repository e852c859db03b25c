namespace SipCube.Rtp.Tests;

/// <summary>RFC 4733 §2.3 event payload.</summary>
public sealed class TelephoneEventTests
{
    [Fact]
    public void Parses_end_bit_volume_and_duration()
    {
        Assert.Equal(RtpParseResult.Ok, TelephoneEvent.TryParse(Convert.FromHexString("0B8A0320"), out TelephoneEvent e, out int consumed));
        Assert.Equal(new TelephoneEvent(11, true, 10, 800), e);
        Assert.Equal(4, consumed);
        Assert.Equal('#', e.ToDtmf());
    }

    [Fact]
    public void Round_trips_and_rejects_short_input()
    {
        var e = new TelephoneEvent(12, false, 63, 65535);
        byte[] buffer = new byte[4];
        Assert.True(e.TryWrite(buffer, out _));
        TelephoneEvent.TryParse(buffer, out TelephoneEvent back, out _);
        Assert.Equal(e, back);
        Assert.Equal('A', back.ToDtmf());
        Assert.Equal(RtpParseResult.TooShort, TelephoneEvent.TryParse(buffer.AsSpan(0, 3), out _, out _));
        Assert.False(new TelephoneEvent(1, false, 64, 0).TryWrite(buffer, out _));
    }

    [Theory]
    [InlineData(0, '0')]
    [InlineData(9, '9')]
    [InlineData(10, '*')]
    [InlineData(15, 'D')]
    [InlineData(16, '\0')]
    public void Maps_events_to_dtmf(byte code, char dtmf) => Assert.Equal(dtmf, new TelephoneEvent(code, false, 0, 0).ToDtmf());
}
