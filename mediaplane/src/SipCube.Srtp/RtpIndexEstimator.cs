namespace SipCube.Srtp;

/// <summary>Guesses the 48-bit packet index (ROC || SEQ) of a received sequence number.</summary>
/// <remarks>RFC 3711 §3.3.1 and Appendix A. s_l and ROC come from the highest authenticated index.</remarks>
internal static class RtpIndexEstimator
{
    private const uint Half = 0x8000;

    /// <summary>Estimates the index of <paramref name="sequence"/> given the highest index seen so far.</summary>
    public static ulong Estimate(ulong highest, ushort sequence)
    {
        uint roc = (uint)(highest >> 16);
        uint sl = (uint)(highest & 0xFFFF);
        uint seq = sequence;
        long v = roc;
        if (sl < Half)
        {
            // A large forward distance means the packet is from before the last wrap, unless no wrap happened yet:
            // with ROC 0 there is no earlier roll, so it is a forward jump (a resume after a long hold).
            if (seq > sl && seq - sl > Half && roc > 0)
            {
                v = roc - 1L;
            }
        }
        else if (sl - Half > seq)
        {
            v = roc + 1L;
        }

        return ((ulong)(v & 0xFFFFFFFF) << 16) | seq;
    }

    /// <summary>
    /// Reading a packet that <see cref="Estimate"/> placed before the replay window as a forward jump
    /// in the same roll instead. Its tag covers the ROC, so only the sender's true reading authenticates.
    /// </summary>
    public static ulong ForwardAlternative(ulong highest, ushort sequence)
    {
        ulong roc = highest >> 16;
        ulong candidate = (roc << 16) | sequence;
        return candidate > highest ? candidate : ((roc + 1) << 16) | sequence;
    }
}
