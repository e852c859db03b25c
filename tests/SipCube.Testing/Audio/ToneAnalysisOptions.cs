namespace SipCube.Testing.Audio;

/// <summary>How <see cref="ToneAnalysis"/> finds the window to analyse and what counts as a tone.</summary>
public sealed record ToneAnalysisOptions
{
    /// <summary>The defaults: suits G.711, G.722 and Opus recordings of a single test tone.</summary>
    public static ToneAnalysisOptions Default { get; } = new();

    /// <summary>RMS (full scale = 1) above which a 20 ms frame counts as sound; 0.01 is −40 dBFS.</summary>
    public double SilenceThreshold { get; init; } = 0.01;

    /// <summary>Skipped after the first sound, so decoder start-up and jitter-buffer fill do not count.</summary>
    public double SettleSeconds { get; init; } = 0.1;

    /// <summary>Longest stretch analysed after the settle time.</summary>
    public double WindowSeconds { get; init; } = 1.0;

    /// <summary>Shortest stretch worth analysing; less means no tone.</summary>
    public double MinimumSeconds { get; init; } = 0.1;

    /// <summary>Lowest frequency scanned.</summary>
    public double MinHz { get; init; } = 100;

    /// <summary>Highest frequency scanned (capped below half the sample rate).</summary>
    public double MaxHz { get; init; } = 4000;

    /// <summary>
    /// Share of the window's power that must sit at the dominant frequency for it to be a tone: ≈ 1 for a clean
    /// sine (also after G.711 or Opus), well under 0.1 for noise or speech.
    /// </summary>
    public double MinimumPurity { get; init; } = 0.6;
}
