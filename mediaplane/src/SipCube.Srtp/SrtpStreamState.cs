namespace SipCube.Srtp;

/// <summary>Per-SSRC cryptographic state of one direction: the RTP replay window (whose highest index
/// carries ROC and s_l) and the SRTCP index/window.</summary>
/// <remarks>RFC 3711 §3.2.1 (ROC, s_l, replay list), §3.2.3 (one context per SSRC), §3.4 (SRTCP index)</remarks>
internal sealed class SrtpStreamState
{
    /// <summary>Received (or, for a sending context, sent) RTP indices; <c>Highest</c> is ROC || s_l.</summary>
    public ReplayWindow Rtp;

    /// <summary>Received SRTCP indices.</summary>
    public ReplayWindow Rtcp;

    /// <summary>Next SRTCP index to send (31 bits).</summary>
    public uint NextRtcpIndex;
}
