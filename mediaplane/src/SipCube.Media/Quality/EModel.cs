namespace SipCube.Media.Quality;

/// <summary>
/// The ITU-T G.107 E-model, reduced to what a relay can measure: the default transmission rating minus a delay
/// impairment and an equipment impairment that grows with packet loss, then mapped to an estimated MOS (MOS-CQE).
/// </summary>
/// <remarks>
/// ITU-T G.107 (06/2015) §7.1 (R = Ro - Is - Id - Ie,eff + A; with all other defaults Ro - Is = 93.2), §7.4 formula
/// (7-29) Ie,eff = Ie + (95 - Ie) · Ppl / (Ppl / BurstR + Bpl), Annex B (MOS from R). Id uses the common simplification
/// of G.107's delay terms (Cole and Rosenbluth 2001): Id = 0.024·d + 0.11·(d - 177.3)·H(d - 177.3), d the one-way
/// mouth-to-ear delay in ms. Ie/Bpl per codec from ITU-T G.113 Appendix I (G.711 with PLC: 0 / 25.1; G.729A with VAD:
/// 11 / 19). G.722 and Opus have no narrowband G.113 entries; they are rated like G.711 with PLC (conservative for a
/// wideband codec, whose R scale is G.107.1's).
/// </remarks>
public static class EModel
{
    /// <summary>Ro - Is with every G.107 default.</summary>
    public const double DefaultR = 93.2;

    /// <summary>The R-factor for the given conditions.</summary>
    /// <param name="codec">SDP encoding name.</param>
    /// <param name="lossPercent">Packet loss in percent (0-100).</param>
    /// <param name="oneWayDelayMs">Mouth-to-ear delay in milliseconds.</param>
    /// <param name="burstRatio">BurstR, 1 for random loss.</param>
    public static double RFactor(string? codec, double lossPercent, double oneWayDelayMs, double burstRatio = 1.0)
    {
        var (ie, bpl) = CodecImpairment(codec);
        var ppl = Math.Clamp(lossPercent, 0, 100);
        var ieEff = ie + ((95 - ie) * ppl / ((ppl / Math.Max(burstRatio, 1.0)) + bpl));
        var d = Math.Max(0, oneWayDelayMs);
        var id = (0.024 * d) + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
        return DefaultR - id - ieEff;
    }

    /// <summary>G.107 Annex B: MOS-CQE from R (1.0 at or below 0, 4.5 at or above 100).</summary>
    public static double MosFromR(double r) => r switch
    {
        <= 0 => 1.0,
        >= 100 => 4.5,
        _ => 1 + (0.035 * r) + (r * (r - 60) * (100 - r) * 7e-6),
    };

    /// <summary>Estimated MOS from what the relay measures on one leg: loss, interarrival jitter and RTT. The
    /// one-way delay is half the RTT plus a jitter buffer of twice the jitter plus 20 ms of packetisation.</summary>
    public static double EstimateMos(string? codec, double lossPercent, double jitterMs, double? rttMs)
    {
        var oneWay = ((rttMs ?? 0) / 2) + (2 * Math.Max(0, jitterMs)) + 20;
        return Math.Round(MosFromR(RFactor(codec, lossPercent, oneWay)), 2);
    }

    private static (double Ie, double Bpl) CodecImpairment(string? codec) =>
        string.Equals(codec, "G729", StringComparison.OrdinalIgnoreCase) ? (11, 19) : (0, 25.1);
}
