namespace SipCube.Testing.Audio;

/// <summary>
/// Finds the dominant frequency and level of recorded call audio: skips leading silence, then scans a Hann-windowed
/// stretch with the Goertzel algorithm: 10 Hz steps over its first 200 ms (5 Hz bins, so no tone falls between
/// steps), then 0.5 Hz steps around that peak over the whole stretch.
/// </summary>
/// <remarks>
/// Purity is the power of the best-matching sine (amplitude from the Goertzel magnitude over the window's coherent
/// gain) over the mean power of the stretch, so noise and speech score low even when loud.
/// </remarks>
public static class ToneAnalysis
{
    private const double FrameSeconds = 0.02;
    private const double CoarseStepHz = 10;
    private const double FineStepHz = 0.5;
    private const double CoarseSeconds = 0.2;

    /// <summary>Analyses a WAV file (PCM16 or μ-law, mono or stereo, any rate).</summary>
    public static ToneAnalysisResult AnalyzeWav(string path, ToneAnalysisOptions? options = null)
    {
        var wav = WavAudio.Read(path);
        return Analyze(wav.Samples, wav.SampleRate, options);
    }

    /// <summary>Analyses a raw 8 kHz μ-law file (what SIPp streams or records).</summary>
    public static ToneAnalysisResult AnalyzeMuLaw(string path, ToneAnalysisOptions? options = null) =>
        Analyze(MuLaw.ReadRaw(path), 8000, options);

    /// <summary>
    /// Cuts a WAV into consecutive segments and analyses each one whole (no onset search): shows when a tone was
    /// heard, e.g. gone during hold and back after resume, or the far side's tone only after its answer.
    /// </summary>
    public static IReadOnlyList<ToneAnalysisResult> AnalyzeWavSegments(string path, double segmentSeconds = 0.5,
        ToneAnalysisOptions? options = null)
    {
        var wav = WavAudio.Read(path);
        return AnalyzeSegments(wav.Samples, wav.SampleRate, segmentSeconds, options);
    }

    /// <summary>Segment by segment analysis of mono samples (see <see cref="AnalyzeWavSegments"/>).</summary>
    public static IReadOnlyList<ToneAnalysisResult> AnalyzeSegments(ReadOnlySpan<float> samples, int sampleRate,
        double segmentSeconds = 0.5, ToneAnalysisOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSeconds, 0.1);
        var segmentOptions = (options ?? ToneAnalysisOptions.Default) with
        {
            SettleSeconds = 0,
            WindowSeconds = segmentSeconds,
            MinimumSeconds = Math.Min(segmentSeconds, 0.1),
        };
        var length = (int)(segmentSeconds * sampleRate);
        var results = new List<ToneAnalysisResult>();
        for (var start = 0; start + length <= samples.Length; start += length)
        {
            var segment = Analyze(samples.Slice(start, length), sampleRate, segmentOptions);
            results.Add(segment with { OnsetSeconds = (double)start / sampleRate, AnalysedSeconds = segmentSeconds });
        }

        return results;
    }

    /// <summary>
    /// Share of <paramref name="segments"/> holding a tone within <paramref name="toleranceHz"/> of <paramref name="hz"/>
    /// (0 when there are none).
    /// </summary>
    public static double Coverage(IReadOnlyList<ToneAnalysisResult> segments, double hz, double toleranceHz = 20)
    {
        ArgumentNullException.ThrowIfNull(segments);
        return segments.Count == 0 ? 0 : (double)segments.Count(s => s.IsToneNear(hz, toleranceHz)) / segments.Count;
    }

    /// <summary>Analyses mono samples in [-1, 1] at <paramref name="sampleRate"/>.</summary>
    public static ToneAnalysisResult Analyze(ReadOnlySpan<float> samples, int sampleRate, ToneAnalysisOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        options ??= ToneAnalysisOptions.Default;
        var frame = (int)(sampleRate * FrameSeconds);
        var onset = -1;
        for (var start = 0; start + frame <= samples.Length; start += frame)
        {
            if (Rms(samples.Slice(start, frame)) >= options.SilenceThreshold)
            {
                onset = start;
                break;
            }
        }

        if (onset < 0)
        {
            return ToneAnalysisResult.Silence;
        }

        var from = Math.Min(samples.Length, onset + (int)(options.SettleSeconds * sampleRate));
        var length = Math.Min(samples.Length - from, (int)(options.WindowSeconds * sampleRate));
        if (length < options.MinimumSeconds * sampleRate)
        {
            return ToneAnalysisResult.Silence with { OnsetSeconds = (double)onset / sampleRate };
        }

        var stretch = samples.Slice(from, length);
        var rms = Rms(stretch);
        var maxHz = Math.Min(options.MaxHz, sampleRate / 2.0 - 50);
        var coarse = Hann(stretch[..Math.Min(length, (int)(CoarseSeconds * sampleRate))], out _);
        var (bestHz, _) = Scan(coarse, sampleRate, options.MinHz, maxHz, CoarseStepHz);
        var window = Hann(stretch, out var coherentGain);
        (bestHz, var bestPower) = Scan(window, sampleRate, Math.Max(options.MinHz, bestHz - CoarseStepHz),
            Math.Min(maxHz, bestHz + CoarseStepHz), FineStepHz);
        var amplitude = 2 * Math.Sqrt(bestPower) / coherentGain;
        var purity = rms > 0 ? Math.Min(1, amplitude * amplitude / 2 / (rms * rms)) : 0;
        var hasSound = rms >= options.SilenceThreshold;
        return new ToneAnalysisResult(hasSound, hasSound ? bestHz : 0, rms, purity, (double)onset / sampleRate,
            (double)length / sampleRate, hasSound && purity >= options.MinimumPurity);
    }

    /// <summary>RMS of <paramref name="samples"/>.</summary>
    public static double Rms(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var sample in samples)
        {
            sum += sample * (double)sample;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    private static double[] Hann(ReadOnlySpan<float> samples, out double coherentGain)
    {
        var windowed = new double[samples.Length];
        var gain = 0.0;
        for (var i = 0; i < samples.Length; i++)
        {
            var w = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (samples.Length - 1));
            gain += w;
            windowed[i] = samples[i] * w;
        }

        coherentGain = gain;
        return windowed;
    }

    private static (double Hz, double Power) Scan(double[] samples, int sampleRate, double fromHz, double toHz, double stepHz)
    {
        var best = (Hz: 0.0, Power: -1.0);
        for (var hz = fromHz; hz <= toHz; hz += stepHz)
        {
            var power = Goertzel(samples, sampleRate, hz);
            if (power > best.Power)
            {
                best = (hz, power);
            }
        }

        return best;
    }

    /// <summary>|X(f)|² of the window at <paramref name="hz"/> (not normalised).</summary>
    private static double Goertzel(double[] samples, int sampleRate, double hz)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * hz / sampleRate);
        double previous = 0, beforePrevious = 0;
        foreach (var sample in samples)
        {
            var current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }
}
