namespace SipCube.Codecs;

/// <summary>
/// The adaptive predictor and scale factor state of one G.722 sub-band (lower or higher), shared by the encoder and
/// decoder so both sides track the same reconstructed signal.
/// </summary>
/// <remarks>ITU-T G.722 (09/2012) §3.6 (block 4: RECONS, PARREC, UPPOL2, UPPOL1, UPZERO, DELAYA, FILTEP, FILTEZ,
/// PREDIC) and §3.5 / §4 (LOGSCL, SCALEL; LOGSCH, SCALEH).</remarks>
internal sealed class G722Band
{
    // ITU-T G.722 Table 15: 2^(i/32) scaled by 2048, the antilog used by SCALEL/SCALEH.
    private static readonly short[] InverseLog =
    [
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
    ];

    private readonly int[] delayedDifference = new int[7]; // d(n-i), i = 0..6
    private readonly int[] zeroCoefficient = new int[7];   // b_i
    private readonly int[] reconstructed = new int[3];     // r(n-i)
    private readonly int[] partial = new int[3];           // p(n-i)
    private readonly int[] poleCoefficient = new int[3];   // a_i
    private readonly int maxLogScale;
    private readonly int scaleShift;
    private int logScale;
    private int sz;

    public G722Band(bool higher)
    {
        maxLogScale = higher ? 22528 : 18432;
        scaleShift = higher ? 10 : 8;
        Scale = higher ? 8 : 32;
    }

    /// <summary>The predicted signal s(n) for the next sample.</summary>
    public int Prediction { get; private set; }

    /// <summary>The quantizer scale factor (DETL / DETH).</summary>
    public int Scale { get; private set; }

    public static int Saturate(int value) => Math.Clamp(value, short.MinValue, short.MaxValue);

    /// <summary>LOGSCL/LOGSCH then SCALEL/SCALEH: leaks the log scale factor and adds this sample's step.</summary>
    public void AdaptScale(int logStep)
    {
        logScale = Math.Clamp(((logScale * 127) >> 7) + logStep, 0, maxLogScale);
        var mantissa = (logScale >> 6) & 31;
        var shift = scaleShift - (logScale >> 11);
        var linear = shift < 0 ? InverseLog[mantissa] << -shift : InverseLog[mantissa] >> shift;
        Scale = linear << 2;
    }

    /// <summary>Block 4: updates the pole-zero predictor with the quantized difference d(n).</summary>
    public void Update(int difference)
    {
        delayedDifference[0] = difference;
        reconstructed[0] = Saturate(Prediction + difference);
        partial[0] = Saturate(sz + difference);

        var poles = UpdatePoles();
        UpdateZeros(difference);

        for (var i = 6; i > 0; i--)
        {
            delayedDifference[i] = delayedDifference[i - 1];
        }

        reconstructed[2] = reconstructed[1];
        reconstructed[1] = reconstructed[0];
        partial[2] = partial[1];
        partial[1] = partial[0];
        poleCoefficient[1] = poles.A1;
        poleCoefficient[2] = poles.A2;

        // FILTEP: pole section contribution.
        var sp = Saturate(((poleCoefficient[1] * Saturate(reconstructed[1] * 2)) >> 15)
            + ((poleCoefficient[2] * Saturate(reconstructed[2] * 2)) >> 15));

        // FILTEZ: zero section contribution.
        var zeros = 0;
        for (var i = 6; i > 0; i--)
        {
            zeros += (zeroCoefficient[i] * Saturate(delayedDifference[i] * 2)) >> 15;
        }

        sz = Saturate(zeros);
        Prediction = Saturate(sp + sz);
    }

    private (int A1, int A2) UpdatePoles()
    {
        var sign0 = partial[0] >> 15;
        var sign1 = partial[1] >> 15;
        var sign2 = partial[2] >> 15;

        // UPPOL2
        var wd1 = Saturate(poleCoefficient[1] << 2);
        var wd2 = Math.Min(sign0 == sign1 ? -wd1 : wd1, short.MaxValue);
        var a2 = (sign0 == sign2 ? 128 : -128) + (wd2 >> 7) + ((poleCoefficient[2] * 32512) >> 15);
        a2 = Math.Clamp(a2, -12288, 12288);

        // UPPOL1: a1 is bounded by 1 - 2^-4 - a2 to keep the second-order section stable.
        var a1 = Saturate((sign0 == sign1 ? 192 : -192) + ((poleCoefficient[1] * 32640) >> 15));
        var bound = Saturate(15360 - a2);
        return (Math.Clamp(a1, -bound, bound), a2);
    }

    private void UpdateZeros(int difference)
    {
        // UPZERO: sign-sign LMS with leakage 1 - 2^-8.
        var step = difference == 0 ? 0 : 128;
        var sign0 = difference >> 15;
        for (var i = 1; i < 7; i++)
        {
            var signI = delayedDifference[i] >> 15;
            zeroCoefficient[i] = Saturate((signI == sign0 ? step : -step) + ((zeroCoefficient[i] * 32640) >> 15));
        }
    }
}
