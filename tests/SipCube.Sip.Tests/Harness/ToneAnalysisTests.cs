using SipCube.Testing.Audio;

namespace SipCube.Sip.Tests.Harness;

/// <summary>The audio checks the end-to-end tests rely on, on WAVs generated here.</summary>
public sealed class ToneAnalysisTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("tone-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    [Theory]
    [InlineData(1000, 8000, 1)]
    [InlineData(600, 8000, 1)]
    [InlineData(1005, 8000, 1)]
    [InlineData(700, 16000, 1)]
    [InlineData(440, 48000, 2)]
    [InlineData(3300, 48000, 2)]
    public void A_written_tone_is_found_at_its_frequency(double hz, int rate, int channels)
    {
        var path = PathOf("tone.wav");
        ToneWav.Write(path, hz, 2, rate, channels);

        var result = ToneAnalysis.AnalyzeWav(path);

        Assert.True(result.IsToneNear(hz, toleranceHz: 1), result.ToString());
        Assert.InRange(result.Purity, 0.95, 1.0);
        Assert.InRange(result.Rms, 0.5 / Math.Sqrt(2) * 0.98, 0.5 / Math.Sqrt(2) * 1.02);
        var wav = WavAudio.Read(path);
        Assert.Equal(rate, wav.SampleRate);
        Assert.Equal(channels, wav.Channels);
    }

    [Fact]
    public void Leading_silence_is_skipped_and_reported_as_the_onset()
    {
        var silence = new short[8000 * 3 / 2];
        var tone = ToneWav.Sine(1000, 1, 8000, 0.3);
        var path = PathOf("late.wav");
        ToneWav.WritePcm16(path, [.. silence, .. tone], 8000);

        var result = ToneAnalysis.AnalyzeWav(path);

        Assert.True(result.IsToneNear(1000, 1), result.ToString());
        Assert.InRange(result.OnsetSeconds, 1.45, 1.52);
        Assert.InRange(result.AnalysedSeconds, 0.85, 0.95);
    }

    [Fact]
    public void Silence_is_no_tone()
    {
        var path = PathOf("silence.wav");
        ToneWav.Write(path, 0, 2);

        var result = ToneAnalysis.AnalyzeWav(path);

        Assert.False(result.HasSound);
        Assert.False(result.IsTone);
        Assert.False(result.IsToneNear(1000));
    }

    [Fact]
    public void Quiet_hiss_below_the_threshold_counts_as_silence()
    {
        var path = PathOf("hiss.wav");
        ToneWav.WriteNoise(path, 2, amplitude: 0.005);

        Assert.False(ToneAnalysis.AnalyzeWav(path).HasSound);
    }

    [Fact]
    public void Loud_noise_is_sound_but_no_tone()
    {
        var path = PathOf("noise.wav");
        ToneWav.WriteNoise(path, 2, amplitude: 0.8);

        var result = ToneAnalysis.AnalyzeWav(path);

        Assert.True(result.HasSound, result.ToString());
        Assert.False(result.IsTone, result.ToString());
        Assert.InRange(result.Purity, 0, 0.05);
    }

    [Fact]
    public void A_tone_in_moderate_noise_is_still_found()
    {
        var tone = ToneWav.Sine(1000, 2, 8000, 0.4);
        var random = new Random(7);
        var noisy = tone.Select(s => (short)(s + (random.NextDouble() * 2 - 1) * 0.05 * short.MaxValue)).ToArray();
        var path = PathOf("noisy.wav");
        ToneWav.WritePcm16(path, noisy, 8000);

        var result = ToneAnalysis.AnalyzeWav(path);

        Assert.True(result.IsToneNear(1000, 1), result.ToString());
    }

    [Fact]
    public void Two_equal_tones_are_not_one_clean_tone()
    {
        var a = ToneWav.Sine(600, 2, 8000, 0.3);
        var b = ToneWav.Sine(1000, 2, 8000, 0.3);
        var path = PathOf("two.wav");
        ToneWav.WritePcm16(path, a.Zip(b, (x, y) => (short)(x + y)).ToArray(), 8000);

        var result = ToneAnalysis.AnalyzeWav(path);

        Assert.False(result.IsTone, result.ToString());
        Assert.InRange(result.Purity, 0.4, 0.6);
    }

    [Fact]
    public void A_raw_mu_law_tone_survives_coding_and_is_found()
    {
        var path = PathOf("tone.ulaw");
        MuLaw.WriteTone(path, 1000, 1);

        Assert.Equal(8000, new FileInfo(path).Length);
        var result = ToneAnalysis.AnalyzeMuLaw(path);
        Assert.True(result.IsToneNear(1000, 1), result.ToString());
        Assert.InRange(result.Purity, 0.95, 1.0);
    }

    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7F)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(1000, 0xCE)]
    public void Mu_law_encodes_g711_reference_values(short sample, byte coded) => Assert.Equal(coded, MuLaw.Encode(sample));

    [Fact]
    public void Mu_law_round_trips_within_its_quantisation_step()
    {
        for (var s = short.MinValue + 1; s < short.MaxValue; s += 7)
        {
            var back = MuLaw.Decode(MuLaw.Encode((short)s));
            Assert.InRange(Math.Abs(back - s), 0, Math.Max(8, Math.Abs(s) / 16 + 132));
        }
    }

    [Fact]
    public void A_wav_whose_header_was_never_finalised_is_read_to_the_end_of_file()
    {
        var path = PathOf("unfinished.wav");
        ToneWav.Write(path, 1000, 1);
        var bytes = File.ReadAllBytes(path);
        bytes.AsSpan(40, 4).Clear();

        var wav = WavAudio.Parse(bytes);

        Assert.Equal(8000, wav.Samples.Length);
    }

    [Fact]
    public void Segments_show_a_tone_that_stops_and_comes_back()
    {
        var tone = ToneWav.Sine(1000, 1, 8000, 0.3);
        var silence = new short[8000];
        var other = ToneWav.Sine(600, 1, 8000, 0.3);
        var path = PathOf("hold.wav");
        ToneWav.WritePcm16(path, [.. tone, .. silence, .. other, .. tone], 8000);

        var segments = ToneAnalysis.AnalyzeWavSegments(path, 0.5);

        Assert.Equal(8, segments.Count);
        Assert.Equal([true, true, false, false, false, false, true, true], segments.Select(s => s.IsToneNear(1000, 5)));
        Assert.True(segments[4].IsToneNear(600, 5), segments[4].ToString());
        Assert.False(segments[2].HasSound);
        Assert.Equal(1.5, segments[3].OnsetSeconds, 3);
        Assert.Equal(0.5, ToneAnalysis.Coverage(segments, 1000, 5), 3);
        Assert.Equal(0, ToneAnalysis.Coverage([], 1000));
    }

    [Fact]
    public void A_file_that_is_no_wav_is_rejected()
    {
        Assert.Throws<InvalidDataException>(() => WavAudio.Parse("not a wav file at all"u8));
    }
}
