namespace SipCube.Codecs.Tests;

/// <summary>Tone generation and delay-independent measurements (least-squares sine fit, Goertzel scan).</summary>
internal static class ToneAnalysis
{
    public static short[] Tone(double frequency, int sampleRate, int samples, double amplitude = 8000, int channels = 1)
    {
        var pcm = new short[samples * channels];
        for (var i = 0; i < samples; i++)
        {
            var v = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
            for (var c = 0; c < channels; c++)
            {
                pcm[(i * channels) + c] = v;
            }
        }

        return pcm;
    }

    /// <summary>Power of the best-fitting sine at <paramref name="frequency"/> over the residual, in dB.</summary>
    public static double SnrDb(ReadOnlySpan<short> signal, double frequency, int sampleRate)
    {
        double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
        for (var i = 0; i < signal.Length; i++)
        {
            var s = Math.Sin(2 * Math.PI * frequency * i / sampleRate);
            var c = Math.Cos(2 * Math.PI * frequency * i / sampleRate);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            ys += signal[i] * s;
            yc += signal[i] * c;
        }

        var det = (ss * cc) - (sc * sc);
        var a = ((ys * cc) - (yc * sc)) / det;
        var b = ((yc * ss) - (ys * sc)) / det;
        double fit = 0, residual = 0;
        for (var i = 0; i < signal.Length; i++)
        {
            var model = (a * Math.Sin(2 * Math.PI * frequency * i / sampleRate)) + (b * Math.Cos(2 * Math.PI * frequency * i / sampleRate));
            fit += model * model;
            residual += (signal[i] - model) * (signal[i] - model);
        }

        return 10 * Math.Log10(fit / Math.Max(residual, 1e-9));
    }

    public static double Power(ReadOnlySpan<short> signal, double frequency, int sampleRate)
    {
        // Goertzel magnitude squared, normalised by length.
        var w = 2 * Math.PI * frequency / sampleRate;
        var coeff = 2 * Math.Cos(w);
        double s1 = 0, s2 = 0;
        foreach (var x in signal)
        {
            var s0 = x + (coeff * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        return ((s1 * s1) + (s2 * s2) - (coeff * s1 * s2)) / signal.Length;
    }

    public static double DominantFrequency(ReadOnlySpan<short> signal, int sampleRate)
    {
        var best = 0.0;
        var bestPower = -1.0;
        for (double f = 50; f < sampleRate / 2.0; f += 10)
        {
            var p = Power(signal, f, sampleRate);
            if (p > bestPower)
            {
                bestPower = p;
                best = f;
            }
        }

        return best;
    }

    public static double Rms(ReadOnlySpan<short> signal)
    {
        double sum = 0;
        foreach (var x in signal)
        {
            sum += (double)x * x;
        }

        return Math.Sqrt(sum / Math.Max(signal.Length, 1));
    }

    /// <summary>Runs whole 20 ms frames through encode then decode; returns the decoded audio.</summary>
    public static short[] RoundTrip(IAudioCodec codec, short[] input)
    {
        var frame = codec.SamplesPerFrame * codec.Channels;
        var output = new short[input.Length];
        var payload = new byte[4000];
        var decoded = new short[5760 * 2];
        for (var offset = 0; offset + frame <= input.Length; offset += frame)
        {
            var n = codec.Encode(input.AsSpan(offset, frame), payload);
            Assert.True(n > 0, $"encode returned {n}");
            Assert.True(n <= codec.MaxPayloadBytes, $"payload {n} above MaxPayloadBytes {codec.MaxPayloadBytes}");
            var samples = codec.Decode(payload.AsSpan(0, n), decoded);
            Assert.Equal(codec.SamplesPerFrame, samples);
            decoded.AsSpan(0, frame).CopyTo(output.AsSpan(offset));
        }

        return output;
    }
}
