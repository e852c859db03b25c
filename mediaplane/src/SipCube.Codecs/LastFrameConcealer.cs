namespace SipCube.Codecs;

/// <summary>
/// Loss concealment for codecs without their own PLC: repeats the last decoded frame with a gain that halves on each
/// consecutive loss, reaching silence after a few frames so a long gap does not buzz.
/// </summary>
/// <remarks>A simplified form of the repetition approach in ITU-T G.711 Appendix I §1.</remarks>
internal sealed class LastFrameConcealer(int frameSamples)
{
    private readonly short[] last = new short[frameSamples];
    private int consecutiveLosses;

    public void Remember(ReadOnlySpan<short> frame)
    {
        var n = Math.Min(frame.Length, last.Length);
        frame[..n].CopyTo(last);
        last.AsSpan(n).Clear();
        consecutiveLosses = 0;
    }

    public int Conceal(Span<short> pcm)
    {
        if (pcm.Length < last.Length)
        {
            return -1;
        }

        consecutiveLosses++;
        var shift = Math.Min(consecutiveLosses, 15);
        for (var i = 0; i < last.Length; i++)
        {
            pcm[i] = (short)(last[i] >> shift);
        }

        return last.Length;
    }
}
