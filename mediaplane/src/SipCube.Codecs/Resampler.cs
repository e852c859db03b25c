using System.Numerics;
using System.Runtime.InteropServices;

namespace SipCube.Codecs;

/// <summary>
/// Rational sample-rate conversion (8k, 16k, 48k and any L/M ratio) of mono PCM16 by a polyphase Kaiser-windowed sinc
/// FIR: 32 zero crossings either side at the lower rate, cut-off at 45 % of the lower rate, about 80 dB stop band. Filter
/// history and output phase carry across calls so consecutive 20 ms frames join without clicks. No allocation per call.
/// </summary>
/// <remarks>Crochiere and Rabiner, "Interpolation and decimation of digital signals" (polyphase form);
/// Kaiser window as in Oppenheim and Schafer §7.5.3.</remarks>
public sealed class Resampler
{
    private const int ZeroCrossings = 32;
    private const double KaiserBeta = 8.0;
    private const double Rolloff = 0.9;
    private readonly int up;
    private readonly int down;
    private readonly int taps;
    private readonly float[] coefficients; // phase-major, each phase reversed for a forward dot product
    private readonly float[] buffer;
    private readonly int maxInput;
    private long position;

    /// <summary>Creates a converter for mono blocks of at most <paramref name="maxInputSamples"/> samples.</summary>
    public Resampler(int inputRate, int outputRate, int maxInputSamples = 5760)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInputSamples, 1);
        InputRate = inputRate;
        OutputRate = outputRate;
        var gcd = (int)BigInteger.GreatestCommonDivisor(inputRate, outputRate);
        up = outputRate / gcd;
        down = inputRate / gcd;
        taps = (2 * ZeroCrossings * Math.Max(up, down) + up - 1) / up;
        coefficients = Design(up, down, taps);
        maxInput = maxInputSamples;
        buffer = new float[taps - 1 + maxInputSamples];
    }

    /// <summary>Input sample rate in Hz.</summary>
    public int InputRate { get; }

    /// <summary>Output sample rate in Hz.</summary>
    public int OutputRate { get; }

    /// <summary>The most output samples one call can produce for <paramref name="inputSamples"/> input samples.</summary>
    public int MaxOutputLength(int inputSamples) => (int)(((long)inputSamples * up / down) + 1);

    /// <summary>
    /// Converts <paramref name="input"/> (mono) into <paramref name="output"/>; returns the samples written. For the
    /// integer ratios between 8, 16 and 48 kHz, a 20 ms input block yields exactly a 20 ms output block.
    /// </summary>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        if (input.Length > maxInput)
        {
            throw new ArgumentException($"block of {input.Length} samples exceeds the configured {maxInput}", nameof(input));
        }

        var history = taps - 1;
        for (var i = 0; i < input.Length; i++)
        {
            buffer[history + i] = input[i];
        }

        var end = (long)input.Length * up;
        var written = 0;
        var window = buffer.AsSpan();
        var filter = coefficients.AsSpan();
        while (position < end)
        {
            if (written >= output.Length)
            {
                throw new ArgumentException("output span too short; size it with MaxOutputLength", nameof(output));
            }

            var index = (int)(position / up);
            var phase = (int)(position % up);
            var sum = Dot(filter.Slice(phase * taps, taps), window.Slice(index, taps));
            output[written++] = (short)Math.Clamp(MathF.Round(sum), short.MinValue, short.MaxValue);
            position += down;
        }

        position -= end;
        buffer.AsSpan(input.Length, history).CopyTo(buffer);
        return written;
    }

    /// <summary>Forgets the filter history (a new, unrelated stream follows).</summary>
    public void Reset()
    {
        Array.Clear(buffer);
        position = 0;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            for (var v = 0; v < va.Length; v++)
            {
                acc += va[v] * vb[v];
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static float[] Design(int up, int down, int taps)
    {
        var length = taps * up;
        var cutoff = Rolloff * 0.5 / Math.Max(up, down); // cycles per sample at the up-sampled rate
        var centre = (length - 1) / 2.0;
        var prototype = new double[length];
        var sum = 0.0;
        for (var n = 0; n < length; n++)
        {
            var t = n - centre;
            var sinc = t == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            var ratio = t / (centre + 1);
            prototype[n] = sinc * BesselI0(KaiserBeta * Math.Sqrt(Math.Max(0, 1 - (ratio * ratio)))) / BesselI0(KaiserBeta);
            sum += prototype[n];
        }

        // Each polyphase branch gets unity DC gain: the prototype sums to the interpolation factor.
        var coefficients = new float[length];
        for (var phase = 0; phase < up; phase++)
        {
            for (var j = 0; j < taps; j++)
            {
                coefficients[(phase * taps) + j] = (float)(prototype[phase + ((taps - 1 - j) * up)] * up / sum);
            }
        }

        return coefficients;
    }

    private static double BesselI0(double x)
    {
        double term = 1, sum = 1;
        for (var k = 1; k < 50; k++)
        {
            term *= x / (2 * k) * (x / (2 * k));
            sum += term;
            if (term < sum * 1e-12)
            {
                break;
            }
        }

        return sum;
    }
}
