namespace SipCube.Codecs;

/// <summary>
/// G.722 sub-band ADPCM at 64 kbit/s: 16 kHz audio split by a 24-tap QMF into a lower band (6-bit ADPCM) and a higher
/// band (2-bit ADPCM), one byte per pair of input samples, so a 20 ms frame is 320 samples and 160 bytes. The RTP
/// clock is 8000 Hz despite the 16 kHz sampling (RFC 3551 §4.5.2): timestamps advance 160 per 20 ms.
/// </summary>
/// <remarks>ITU-T G.722 (09/2012) §3 (encoder), §4 (decoder), Table 11 (QMF), Tables 14-18 (quantizers);
/// RFC 3551 §4.5.2. Loss concealment is a fade of the last frame (G.722 Appendix III/IV are not implemented).</remarks>
public sealed class G722Codec : IAudioCodec
{
    private const int FrameSamples = 320;

    // ITU-T G.722 Table 11: QMF coefficients h0..h23 (symmetric).
    private static readonly int[] Qmf =
    [
        3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876,
        3876, 951, -805, -210, 362, 32, -156, 12, 53, -11, -11, 3,
    ];

    // Table 14 decision levels of the 6-bit lower-band quantizer (scaled by 2^12 against DETL).
    private static readonly int[] LowDecision =
    [
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919,
    ];

    // Table 14 output codes for negative / positive differences per decision interval.
    private static readonly byte[] LowCodeNegative =
    [
        0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
        18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4,
    ];

    private static readonly byte[] LowCodePositive =
    [
        0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32,
    ];

    // Table 16: 6-bit inverse quantizer (QQ6 scaled by 2^15), indexed by the lower-band code.
    private static readonly int[] LowInverse6 =
    [
        -136, -136, -136, -136, -24808, -21904, -19008, -16704, -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576, -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192, 10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032, 1688, 1360, 1040, 728, 432, 136, -432, -136,
    ];

    // Table 17: 4-bit inverse quantizer used for predictor adaptation, indexed by code >> 2.
    private static readonly int[] LowInverse4 =
    [
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240, 2584, 1200, 0,
    ];

    // Table 17: log scale factor steps WL by the 4-bit code (RIL -> IL4 -> WL folded together).
    private static readonly int[] LowLogStep =
    [
        -60, 3042, 1198, 538, 334, 172, 58, -30, 3042, 1198, 538, 334, 172, 58, -30, -60,
    ];

    // Table 18: 2-bit higher-band inverse quantizer and log steps.
    private static readonly int[] HighInverse = [-7408, -1616, 7408, 1616];
    private static readonly int[] HighLogStep = [798, -214, 798, -214];

    private readonly G722Band encodeLow = new(higher: false);
    private readonly G722Band encodeHigh = new(higher: true);
    private readonly G722Band decodeLow = new(higher: false);
    private readonly G722Band decodeHigh = new(higher: true);
    private readonly int[] encodeHistory = new int[24];
    private readonly int[] decodeHistory = new int[24];
    private readonly LastFrameConcealer concealer = new(FrameSamples);

    /// <inheritdoc />
    public AudioCodecDescriptor Descriptor => AudioCodecDescriptor.G722;

    /// <inheritdoc />
    public int SampleRate => 16000;

    /// <inheritdoc />
    public int Channels => 1;

    /// <inheritdoc />
    public int SamplesPerFrame => FrameSamples;

    /// <inheritdoc />
    public int MaxPayloadBytes => FrameSamples / 2;

    /// <inheritdoc />
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        if ((pcm.Length & 1) != 0 || payload.Length < pcm.Length / 2)
        {
            return -1;
        }

        for (var j = 0; j < pcm.Length; j += 2)
        {
            Shift(encodeHistory, pcm[j], pcm[j + 1]);
            Filter(encodeHistory, out var odd, out var even);
            var low = (even + odd) >> 14;
            var high = (odd - even) >> 14;
            payload[j / 2] = (byte)((EncodeHigh(high) << 6) | EncodeLow(low));
        }

        return pcm.Length / 2;
    }

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        if (pcm.Length < payload.Length * 2)
        {
            return -1;
        }

        for (var i = 0; i < payload.Length; i++)
        {
            var code = payload[i];
            var low = DecodeLow(code & 0x3F);
            var high = DecodeHigh(code >> 6);
            Shift(decodeHistory, low + high, low - high);
            Filter(decodeHistory, out var odd, out var even);
            pcm[2 * i] = (short)G722Band.Saturate(odd >> 11);
            pcm[(2 * i) + 1] = (short)G722Band.Saturate(even >> 11);
        }

        concealer.Remember(pcm[..(payload.Length * 2)]);
        return payload.Length * 2;
    }

    /// <inheritdoc />
    public int Conceal(Span<short> pcm) => concealer.Conceal(pcm);

    /// <inheritdoc />
    public void Dispose()
    {
        // Managed state only; nothing to release.
    }

    private static void Shift(int[] history, int first, int second)
    {
        Array.Copy(history, 2, history, 0, 22);
        history[22] = first;
        history[23] = second;
    }

    private static void Filter(int[] history, out int odd, out int even)
    {
        odd = 0;
        even = 0;
        for (var i = 0; i < 24; i += 2)
        {
            even += history[i] * Qmf[i];
            odd += history[i + 1] * Qmf[i + 1];
        }
    }

    private int EncodeLow(int xlow)
    {
        var band = encodeLow;
        var difference = G722Band.Saturate(xlow - band.Prediction);
        var magnitude = difference >= 0 ? difference : -(difference + 1);
        var interval = 1;
        while (interval < 30 && magnitude >= (LowDecision[interval] * band.Scale) >> 12)
        {
            interval++;
        }

        int code = difference < 0 ? LowCodeNegative[interval] : LowCodePositive[interval];
        var quantized = (band.Scale * LowInverse4[code >> 2]) >> 15;
        band.AdaptScale(LowLogStep[code >> 2]);
        band.Update(quantized);
        return code;
    }

    private int EncodeHigh(int xhigh)
    {
        var band = encodeHigh;
        var difference = G722Band.Saturate(xhigh - band.Prediction);
        var magnitude = difference >= 0 ? difference : -(difference + 1);
        var large = magnitude >= (564 * band.Scale) >> 12;
        var code = difference < 0 ? (large ? 0 : 1) : (large ? 2 : 3);
        var quantized = (band.Scale * HighInverse[code]) >> 15;
        band.AdaptScale(HighLogStep[code]);
        band.Update(quantized);
        return code;
    }

    private int DecodeLow(int code)
    {
        var band = decodeLow;
        var output = Math.Clamp(band.Prediction + ((band.Scale * LowInverse6[code]) >> 15), -16384, 16383);
        var quantized = (band.Scale * LowInverse4[code >> 2]) >> 15;
        band.AdaptScale(LowLogStep[code >> 2]);
        band.Update(quantized);
        return output;
    }

    private int DecodeHigh(int code)
    {
        var band = decodeHigh;
        var quantized = (band.Scale * HighInverse[code]) >> 15;
        var output = Math.Clamp(band.Prediction + quantized, -16384, 16383);
        band.AdaptScale(HighLogStep[code]);
        band.Update(quantized);
        return output;
    }
}
