using SipCube.Codecs;

namespace SipCube.Calls.Media.Tests;

/// <summary>Tone frames for transcoding tests and a Goertzel detector to check which tone came out.</summary>
internal static class ToneMath
{
    public static short[] Sine(int frequency, int sampleRate, int samples, ref double phase)
    {
        var pcm = new short[samples];
        for (var i = 0; i < samples; i++, phase += 2 * Math.PI * frequency / sampleRate)
        {
            pcm[i] = (short)(Math.Sin(phase) * 8000);
        }

        return pcm;
    }

    /// <summary>Relative power of <paramref name="frequency"/> in <paramref name="pcm"/> (Goertzel).</summary>
    public static double Power(ReadOnlySpan<short> pcm, int sampleRate, int frequency)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0, s2 = 0;
        foreach (var x in pcm)
        {
            var s0 = x + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        return ((s1 * s1) + (s2 * s2) - (coefficient * s1 * s2)) / pcm.Length;
    }

    /// <summary>Decodes every payload with <paramref name="codec"/> and concatenates the PCM.</summary>
    public static short[] DecodeAll(IAudioCodec codec, IEnumerable<byte[]> payloads)
    {
        var all = new List<short>();
        var pcm = new short[5760 * 2];
        foreach (var payload in payloads)
        {
            var n = codec.Decode(payload, pcm);
            if (n > 0)
            {
                all.AddRange(pcm.AsSpan(0, n * codec.Channels).ToArray());
            }
        }

        return [.. all];
    }
}
