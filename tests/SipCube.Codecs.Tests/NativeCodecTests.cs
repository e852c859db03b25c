namespace SipCube.Codecs.Tests;

/// <summary>Opus and G.729 against Debian's real libopus.so.0 / libbcg729.so.0 (skipped only when a library is absent).</summary>
public class NativeCodecTests
{
    [SkippableTheory]
    [InlineData(440)]
    [InlineData(1000)]
    [InlineData(6000)]
    public void Opus_keeps_a_tone(int frequency)
    {
        using var codec = CreateOrSkip(OpusCodec.Create());
        var output = ToneAnalysis.RoundTrip(codec, ToneAnalysis.Tone(frequency, 48000, 48000));
        var settled = output.AsSpan(9600);
        Assert.InRange(ToneAnalysis.DominantFrequency(settled, 48000), frequency - 10, frequency + 10);
        Assert.True(ToneAnalysis.SnrDb(settled, frequency, 48000) > 15, $"SNR {ToneAnalysis.SnrDb(settled, frequency, 48000):F1}");
    }

    [SkippableFact]
    public void Opus_stereo_decodes_interleaved_frames()
    {
        using var codec = CreateOrSkip(OpusCodec.Create(new OpusOptions(Channels: 2, Bitrate: 64000)));
        Assert.Equal(2, codec.Channels);
        var output = ToneAnalysis.RoundTrip(codec, ToneAnalysis.Tone(1000, 48000, 24000, channels: 2));
        var left = new short[14400];
        for (var i = 0; i < left.Length; i++)
        {
            left[i] = output[(9600 + i) * 2];
        }

        Assert.InRange(ToneAnalysis.DominantFrequency(left, 48000), 990, 1010);
    }

    [SkippableFact]
    public void Opus_conceals_and_recovers_from_fec()
    {
        using var codec = (OpusCodec)CreateOrSkip(OpusCodec.Create());
        var input = ToneAnalysis.Tone(500, 48000, 960 * 10);
        ToneAnalysis.RoundTrip(codec, input);
        var pcm = new short[960];
        Assert.Equal(960, codec.Conceal(pcm));
        Assert.True(ToneAnalysis.Rms(pcm) > 100);
        var payload = new byte[1500];
        var n = codec.Encode(input.AsSpan(0, 960), payload);
        Assert.Equal(960, codec.DecodeFec(payload.AsSpan(0, n), pcm));
    }

    [SkippableFact]
    public void Opus_rejects_an_unsupported_frame_size_without_crashing()
    {
        using var codec = CreateOrSkip(OpusCodec.Create());
        Assert.True(codec.Encode(new short[100], new byte[1500]) < 0);
        Assert.True(codec.Decode([], new short[960]) < 0);
    }

    [SkippableTheory]
    [InlineData(400)]
    [InlineData(1000)]
    public void G729_keeps_a_tone_in_two_10_byte_frames_per_20_ms(int frequency)
    {
        using var codec = CreateOrSkip(G729Codec.Create());
        var payload = new byte[20];
        Assert.Equal(20, codec.Encode(new short[160], payload));
        var output = ToneAnalysis.RoundTrip(codec, ToneAnalysis.Tone(frequency, 8000, 8000));
        var settled = output.AsSpan(1600);
        Assert.InRange(ToneAnalysis.DominantFrequency(settled, 8000), frequency - 10, frequency + 10);
        Assert.True(ToneAnalysis.SnrDb(settled, frequency, 8000) > 5, $"SNR {ToneAnalysis.SnrDb(settled, frequency, 8000):F1}");
    }

    [SkippableFact]
    public void G729_conceals_a_lost_frame_and_rejects_odd_payload_sizes()
    {
        using var codec = CreateOrSkip(G729Codec.Create());
        ToneAnalysis.RoundTrip(codec, ToneAnalysis.Tone(700, 8000, 1600));
        var pcm = new short[160];
        Assert.Equal(160, codec.Conceal(pcm));
        Assert.True(codec.Decode(new byte[7], pcm) < 0);
        Assert.Equal(80, codec.Decode(new byte[2], pcm)); // a lone SID frame is comfort noise
    }

    internal static IAudioCodec CreateOrSkip(CodecCreation creation)
    {
        Skip.IfNot(creation.IsAvailable, creation.UnavailableReason);
        return creation.Codec!;
    }
}
