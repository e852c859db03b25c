namespace SipCube.Testing.Audio;

/// <summary>
/// G.711 μ-law (PCMU) sample coding, and the raw headerless μ-law files SIPp's <c>rtp_stream</c> plays
/// (a WAV would be streamed header and all).
/// </summary>
/// <remarks>ITU-T G.711 §2 (μ-law, bias 0x84, 8 segments); RFC 3551 §4.5.14 (PCMU).</remarks>
public static class MuLaw
{
    private const int Bias = 0x84;
    private const int Clip = 32635;

    /// <summary>Encodes one 16-bit linear sample.</summary>
    public static byte Encode(short sample)
    {
        var value = (int)sample;
        var sign = value < 0 ? 0x80 : 0;
        if (value < 0)
        {
            value = -value;
        }

        value = Math.Min(value, Clip) + Bias;
        var exponent = 7;
        for (var mask = 0x4000; (value & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        var mantissa = (value >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>Decodes one μ-law byte to a 16-bit linear sample.</summary>
    public static short Decode(byte coded)
    {
        var value = ~coded & 0xFF;
        var exponent = (value >> 4) & 0x07;
        var magnitude = ((((value & 0x0F) << 3) + Bias) << exponent) - Bias;
        return (short)((value & 0x80) != 0 ? -magnitude : magnitude);
    }

    /// <summary>Writes a raw 8 kHz μ-law sine tone (for <c>rtp_stream="file,loops,0"</c>).</summary>
    public static void WriteTone(string path, double hz, double seconds, double amplitude = 0.5)
    {
        var samples = ToneWav.Sine(hz, seconds, 8000, amplitude);
        var coded = new byte[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            coded[i] = Encode(samples[i]);
        }

        File.WriteAllBytes(path, coded);
    }

    /// <summary>Reads a raw 8 kHz μ-law file as mono samples in [-1, 1] (e.g. for <see cref="ToneAnalysis"/>).</summary>
    public static float[] ReadRaw(string path)
    {
        var coded = File.ReadAllBytes(path);
        var samples = new float[coded.Length];
        for (var i = 0; i < coded.Length; i++)
        {
            samples[i] = Decode(coded[i]) / 32768f;
        }

        return samples;
    }
}
