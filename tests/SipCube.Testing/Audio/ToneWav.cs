using System.Buffers.Binary;

namespace SipCube.Testing.Audio;

/// <summary>
/// Writes 16-bit PCM WAV test signals (sine tones, silence, noise) without sox, at the rate and channel count a peer
/// needs: baresip's <c>aufile</c> does not resample, so G.711 wants 8 kHz mono, G.722 16 kHz mono, Opus 48 kHz stereo.
/// </summary>
public static class ToneWav
{
    /// <summary>Writes a sine tone of <paramref name="hz"/> (0 writes silence).</summary>
    public static void Write(string path, double hz, double seconds, int sampleRate = 8000, int channels = 1, double amplitude = 0.5) =>
        WritePcm16(path, Sine(hz, seconds, sampleRate, amplitude), sampleRate, channels);

    /// <summary>Writes uniform white noise with a fixed seed (reproducible).</summary>
    public static void WriteNoise(string path, double seconds, int sampleRate = 8000, double amplitude = 0.5, int seed = 1)
    {
        var random = new Random(seed);
        var samples = new short[checked((int)(seconds * sampleRate))];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)((random.NextDouble() * 2 - 1) * amplitude * short.MaxValue);
        }

        WritePcm16(path, samples, sampleRate, 1);
    }

    /// <summary>Writes mono <paramref name="samples"/> as a PCM16 WAV, copied to every one of <paramref name="channels"/>.</summary>
    public static void WritePcm16(string path, ReadOnlySpan<short> samples, int sampleRate, int channels = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        var dataBytes = checked(samples.Length * channels * 2);
        var file = new byte[44 + dataBytes];
        var span = file.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], (short)(channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        var at = 44;
        foreach (var sample in samples)
        {
            for (var channel = 0; channel < channels; channel++, at += 2)
            {
                BinaryPrimitives.WriteInt16LittleEndian(span[at..], sample);
            }
        }

        File.WriteAllBytes(path, file);
    }

    /// <summary>A sine tone as 16-bit samples.</summary>
    public static short[] Sine(double hz, double seconds, int sampleRate, double amplitude = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amplitude, 1.0);
        var samples = new short[checked((int)(seconds * sampleRate))];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Round(amplitude * short.MaxValue * Math.Sin(2 * Math.PI * hz * i / sampleRate));
        }

        return samples;
    }
}
