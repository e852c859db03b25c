using System.Globalization;

namespace SipCube.Testing.Audio;

/// <summary>What <see cref="ToneAnalysis"/> found in one window of audio.</summary>
/// <param name="HasSound">A frame above the silence threshold was found and enough audio followed it.</param>
/// <param name="DominantHz">The frequency with the most power in the window (0 without sound).</param>
/// <param name="Rms">RMS level of the window, full scale = 1.</param>
/// <param name="Purity">Share of the window's power at <paramref name="DominantHz"/> (1 = a pure sine).</param>
/// <param name="OnsetSeconds">Where the first sound starts (leading silence skipped).</param>
/// <param name="AnalysedSeconds">Length of the window analysed.</param>
/// <param name="IsTone">Sound whose purity reached <see cref="ToneAnalysisOptions.MinimumPurity"/>.</param>
public readonly record struct ToneAnalysisResult(
    bool HasSound, double DominantHz, double Rms, double Purity, double OnsetSeconds, double AnalysedSeconds, bool IsTone)
{
    /// <summary>No sound at all (silence, or too short).</summary>
    public static ToneAnalysisResult Silence { get; } = new(false, 0, 0, 0, 0, 0, false);

    /// <summary>RMS level in dBFS (−∞ for digital silence).</summary>
    public double RmsDbfs => 20 * Math.Log10(Rms);

    /// <summary>True when this is a tone within <paramref name="toleranceHz"/> of <paramref name="hz"/>.</summary>
    public bool IsToneNear(double hz, double toleranceHz = 20) => IsTone && Math.Abs(DominantHz - hz) <= toleranceHz;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"tone={IsTone} sound={HasSound} f={DominantHz:F1} Hz rms={Rms:F4} ({RmsDbfs:F1} dBFS) purity={Purity:F3} onset={OnsetSeconds:F2}s window={AnalysedSeconds:F2}s");
}
