namespace SipCube.Codecs.Tests;

public class G711CodecTests
{
    [Fact]
    public void Every_mu_law_code_survives_decode_then_encode()
    {
        using var codec = G711Codec.CreateMuLaw();
        Span<short> pcm = stackalloc short[1];
        Span<byte> back = stackalloc byte[1];
        for (var code = 0; code < 256; code++)
        {
            codec.Decode([(byte)code], pcm);
            codec.Encode(pcm, back);
            // 0x7F and 0xFF are both zero (negative and positive zero); everything else is exact.
            Assert.True(back[0] == code || (code == 0x7F && back[0] == 0xFF), $"code {code:X2} -> {pcm[0]} -> {back[0]:X2}");
        }
    }

    [Fact]
    public void Every_a_law_code_survives_decode_then_encode()
    {
        using var codec = G711Codec.CreateALaw();
        Span<short> pcm = stackalloc short[1];
        Span<byte> back = stackalloc byte[1];
        for (var code = 0; code < 256; code++)
        {
            codec.Decode([(byte)code], pcm);
            codec.Encode(pcm, back);
            Assert.Equal(code, back[0]);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Encoding_error_stays_within_the_segment_step(bool muLaw)
    {
        using var codec = muLaw ? G711Codec.CreateMuLaw() : G711Codec.CreateALaw();
        Span<byte> code = stackalloc byte[1];
        Span<short> back = stackalloc short[1];
        for (var sample = -32768; sample <= 32767; sample += 7)
        {
            codec.Encode([(short)sample], code);
            codec.Decode(code, back);
            // The largest step is 1024 (µ-law) / 1024 (A-law) in the top segment; half of it plus clipping slack.
            var tolerance = Math.Max(16, Math.Abs(sample) / 16) + 140;
            Assert.True(Math.Abs(back[0] - sample) <= tolerance, $"{sample} -> {back[0]}");
        }
    }

    [Theory]
    [InlineData(true, 1000)]
    [InlineData(false, 440)]
    [InlineData(true, 3000)]
    public void A_tone_keeps_its_frequency_and_a_high_snr(bool muLaw, int frequency)
    {
        using var codec = muLaw ? G711Codec.CreateMuLaw() : G711Codec.CreateALaw();
        var output = ToneAnalysis.RoundTrip(codec, ToneAnalysis.Tone(frequency, 8000, 1600));
        Assert.InRange(ToneAnalysis.DominantFrequency(output, 8000), frequency - 10, frequency + 10);
        Assert.True(ToneAnalysis.SnrDb(output, frequency, 8000) > 30);
    }

    [Fact]
    public void Conceal_fades_the_last_frame()
    {
        using var codec = G711Codec.CreateMuLaw();
        var input = ToneAnalysis.Tone(1000, 8000, 160);
        var output = ToneAnalysis.RoundTrip(codec, input);
        var concealed = new short[160];
        Assert.Equal(160, codec.Conceal(concealed));
        var first = ToneAnalysis.Rms(concealed);
        Assert.InRange(first, ToneAnalysis.Rms(output) * 0.3, ToneAnalysis.Rms(output) * 0.7);
        for (var i = 0; i < 10; i++)
        {
            codec.Conceal(concealed);
        }

        Assert.True(ToneAnalysis.Rms(concealed) < 10);
    }
}
