using SipCube.Media.Codecs;

namespace SipCube.Media.Tests;

public class G711Tests
{
    [Theory]
    [InlineData((byte)0xFF, (short)0)]
    [InlineData((byte)0x7F, (short)0)]
    [InlineData((byte)0x80, (short)32124)]
    [InlineData((byte)0x00, (short)-32124)]
    [InlineData((byte)0xFE, (short)8)]
    public void Mu_law_decodes_per_g711_table(byte code, short linear) =>
        Assert.Equal(linear, G711.DecodeMuLaw(code));

    [Theory]
    [InlineData((byte)0xD5, (short)8)]
    [InlineData((byte)0x55, (short)-8)]
    [InlineData((byte)0xAA, (short)32256)]
    [InlineData((byte)0x2A, (short)-32256)]
    public void A_law_decodes_per_g711_table(byte code, short linear) =>
        Assert.Equal(linear, G711.DecodeALaw(code));

    [Fact]
    public void Every_mu_law_code_round_trips_except_negative_zero()
    {
        for (var code = 0; code < 256; code++)
        {
            var expected = code == 0x7F ? 0xFF : code;
            Assert.Equal(expected, G711.EncodeMuLaw(G711.DecodeMuLaw((byte)code)));
        }
    }

    [Fact]
    public void Every_a_law_code_round_trips()
    {
        for (var code = 0; code < 256; code++)
        {
            Assert.Equal(code, G711.EncodeALaw(G711.DecodeALaw((byte)code)));
        }
    }

    [Fact]
    public void Quantisation_error_stays_within_the_segment_step()
    {
        for (int sample = short.MinValue; sample <= short.MaxValue; sample += 7)
        {
            var s = (short)sample;
            var step = Math.Max(16, Math.Abs(sample) / 16);
            Assert.InRange(Math.Abs(G711.DecodeMuLaw(G711.EncodeMuLaw(s)) - sample), 0, step + 700 * (Math.Abs(sample) > 32000 ? 1 : 0));
            Assert.InRange(Math.Abs(G711.DecodeALaw(G711.EncodeALaw(s)) - sample), 0, step + 700 * (Math.Abs(sample) > 32000 ? 1 : 0));
        }
    }

    [Fact]
    public void Span_codecs_match_the_scalar_ones_and_do_not_allocate()
    {
        var pcm = new short[160];
        for (var i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)(Math.Sin(i * 2 * Math.PI / 8) * 12000);
        }

        var mu = new byte[160];
        var a = new byte[160];
        var back = new short[160];
        G711.EncodeMuLaw(pcm, mu);
        var before = GC.GetAllocatedBytesForCurrentThread();
        G711.EncodeMuLaw(pcm, mu);
        G711.DecodeMuLaw(mu, back);
        G711.EncodeALaw(pcm, a);
        G711.DecodeALaw(a, back);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(G711.EncodeMuLaw(pcm[3]), mu[3]);
        Assert.Equal(G711.DecodeALaw(a[5]), back[5]);
    }
}
