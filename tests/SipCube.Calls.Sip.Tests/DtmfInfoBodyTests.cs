using System.Text;

namespace SipCube.Calls.Sip.Tests;

public class DtmfInfoBodyTests
{
    [Theory]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", '5', 160)]
    [InlineData("application/dtmf-relay", "Signal=*\r\nDuration=100", '*', 100)]
    [InlineData("application/dtmf-relay", "signal = d\nduration = 40\n", 'D', 40)]
    [InlineData("application/dtmf-relay", "Signal=10\r\nDuration=160\r\n", '*', 160)]
    [InlineData("application/dtmf-relay", "Signal=15", 'D', 250)]
    [InlineData("application/dtmf-relay", "\r\nSignal=0\r\nDuration=160\r\nExtra=1\r\n", '0', 160)]
    [InlineData("application/dtmf", "7", '7', 250)]
    [InlineData("application/dtmf", " #\r\n", '#', 250)]
    [InlineData("application/dtmf", "11", '#', 250)]
    public void Valid_bodies_give_the_digit_and_duration(string type, string body, char digit, int durationMs)
    {
        Assert.True(DtmfInfoBody.TryParse(type, Encoding.ASCII.GetBytes(body), out var parsed, out var duration, out var error), error);
        Assert.Equal(digit, parsed);
        Assert.Equal(TimeSpan.FromMilliseconds(durationMs), duration);
    }

    [Theory]
    [InlineData("application/dtmf-relay", "Duration=160", "No Signal")]
    [InlineData("application/dtmf-relay", "Signal=E", "Bad Signal")]
    [InlineData("application/dtmf-relay", "Signal=16", "Bad Signal")]
    [InlineData("application/dtmf-relay", "Signal=55", "Bad Signal")]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=-1", "Bad Duration")]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=abc", "Bad Duration")]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=999999", "Bad Duration")]
    [InlineData("application/dtmf-relay", "Signal", "Line Without Key=Value")]
    [InlineData("application/dtmf", "", "Bad Signal")]
    [InlineData("application/dtmf", "12 3", "Bad Signal")]
    public void Malformed_bodies_say_what_was_wrong(string type, string body, string reason)
    {
        Assert.False(DtmfInfoBody.TryParse(type, Encoding.ASCII.GetBytes(body), out _, out _, out var error));
        Assert.Equal(reason, error);
    }

    [Fact]
    public void An_oversized_body_is_refused_and_nothing_throws_on_random_bytes()
    {
        Assert.False(DtmfInfoBody.TryParse("application/dtmf-relay", new byte[600], out _, out _, out var error));
        Assert.Equal("Body Too Large", error);
        var random = new Random(7);
        var buffer = new byte[64];
        for (var i = 0; i < 2000; i++)
        {
            random.NextBytes(buffer);
            DtmfInfoBody.TryParse(i % 2 == 0 ? "application/dtmf" : "application/dtmf-relay", buffer.AsSpan(0, random.Next(64)), out _, out _, out _);
        }
    }
}
