namespace SipCube.Codecs.Tests;

public class ResamplerTests
{
    [Theory]
    [InlineData(8000, 16000, 1000)]
    [InlineData(8000, 48000, 3000)]
    [InlineData(16000, 48000, 6000)]
    [InlineData(48000, 8000, 1000)]
    [InlineData(48000, 16000, 5000)]
    [InlineData(16000, 8000, 3000)]
    [InlineData(44100, 48000, 2000)]
    public void A_tone_keeps_its_frequency_and_level_across_20_ms_blocks(int from, int to, int frequency)
    {
        var resampler = new Resampler(from, to);
        var input = ToneAnalysis.Tone(frequency, from, from); // 1 s
        var output = Run(resampler, input, from / 50);
        Assert.InRange(output.Length, to - 2, to + 2);
        var settled = output.AsSpan(to / 10);
        Assert.InRange(ToneAnalysis.DominantFrequency(settled, to), frequency - 10, frequency + 10);
        Assert.True(ToneAnalysis.SnrDb(settled, frequency, to) > 40, $"SNR {ToneAnalysis.SnrDb(settled, frequency, to):F1}");
        Assert.InRange(ToneAnalysis.Rms(settled), 8000 / Math.Sqrt(2) * 0.95, 8000 / Math.Sqrt(2) * 1.05);
    }

    [Theory]
    [InlineData(48000, 8000, 6000)]   // would alias to 2000 Hz
    [InlineData(48000, 16000, 11000)] // would alias to 5000 Hz
    [InlineData(16000, 8000, 5000)]   // would alias to 3000 Hz
    public void Tones_above_the_new_nyquist_are_suppressed_not_aliased(int from, int to, int frequency)
    {
        var resampler = new Resampler(from, to);
        var output = Run(resampler, ToneAnalysis.Tone(frequency, from, from), from / 50);
        var settled = output.AsSpan(to / 10);
        // 8000 amplitude in -> at least 60 dB down.
        Assert.True(ToneAnalysis.Rms(settled) < 8000 / Math.Sqrt(2) / 1000, $"rms {ToneAnalysis.Rms(settled):F1}");
    }

    [Fact]
    public void Up_sampling_leaves_no_image_above_the_old_nyquist()
    {
        var resampler = new Resampler(8000, 48000);
        var output = Run(resampler, ToneAnalysis.Tone(1000, 8000, 8000), 160);
        var settled = output.AsSpan(4800);
        var tone = ToneAnalysis.Power(settled, 1000, 48000);
        var image = ToneAnalysis.Power(settled, 7000, 48000); // first image of 1 kHz at 8 kHz - 1 kHz
        Assert.True(image < tone * 1e-6, $"image/tone {image / tone:E2}");
    }

    [Fact]
    public void Twenty_ms_blocks_map_to_exact_twenty_ms_blocks_without_allocating()
    {
        var resampler = new Resampler(8000, 48000);
        var input = new short[160];
        var output = new short[resampler.MaxOutputLength(160)];
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(960, resampler.Process(input, output));
        }

        var total = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            total += resampler.Process(input, output);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(96000, total);
    }

    [Fact]
    public void Channel_mixer_round_trips_mono_through_stereo()
    {
        short[] mono = [1, -2, 300, short.MaxValue];
        var stereo = new short[8];
        Assert.Equal(8, ChannelMixer.MonoToStereo(mono, stereo));
        Assert.Equal([1, 1, -2, -2, 300, 300, short.MaxValue, short.MaxValue], stereo);
        var back = new short[4];
        Assert.Equal(4, ChannelMixer.StereoToMono(stereo, back));
        Assert.Equal(mono, back);
        Assert.Equal(1, ChannelMixer.StereoToMono([100, -100], back));
        Assert.Equal(0, back[0]);
    }

    internal static short[] Run(Resampler resampler, short[] input, int block)
    {
        var output = new List<short>();
        var buffer = new short[resampler.MaxOutputLength(block)];
        for (var offset = 0; offset < input.Length; offset += block)
        {
            var n = resampler.Process(input.AsSpan(offset, Math.Min(block, input.Length - offset)), buffer);
            output.AddRange(buffer.AsSpan(0, n));
        }

        return [.. output];
    }
}
