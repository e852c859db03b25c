namespace SipCube.Testing.Browser;

/// <summary>
/// What the demo page heard from the remote party: the median dominant frequency of the remote audio over the
/// measuring window (WebAudio AnalyserNode), its loudest level in dBFS, and how many loud snapshots were taken.
/// </summary>
/// <param name="Hz">Dominant frequency; 0 when nothing louder than -90 dBFS arrived.</param>
/// <param name="Db">Loudest level of that peak, or null when silent.</param>
/// <param name="Samples">Snapshots above the silence threshold.</param>
public sealed record RemoteTone(int Hz, double? Db, int Samples)
{
    /// <summary>True when the tone is within <paramref name="toleranceHz"/> of <paramref name="expectedHz"/>.</summary>
    public bool IsNear(int expectedHz, int toleranceHz = 30) => Samples > 0 && Math.Abs(Hz - expectedHz) <= toleranceHz;
}
