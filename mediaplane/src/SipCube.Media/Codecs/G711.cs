namespace SipCube.Media.Codecs;

/// <summary>
/// G.711 µ-law (PCMU) and A-law (PCMA) for transcoding paths: decode through 256-entry tables, encode through a
/// 256-entry segment (exponent) table. 16-bit linear PCM in and out.
/// </summary>
/// <remarks>ITU-T G.711 (11/88) Tables 1a/1b and 2a/2b; µ-law bias 0x84 and clip 32635, A-law even-bit inversion
/// (XOR 0x55); RFC 3551 §4.5.14.</remarks>
public static class G711
{
    private const int MuLawBias = 0x84;
    private const int MuLawClip = 32635;
    private static readonly short[] MuLawToLinear = BuildMuLawTable();
    private static readonly short[] ALawToLinear = BuildALawTable();
    private static readonly byte[] Segment = BuildSegmentTable();

    /// <summary>Decodes µ-law bytes to linear samples (<paramref name="pcm"/> at least as long as the input).</summary>
    public static void DecodeMuLaw(ReadOnlySpan<byte> encoded, Span<short> pcm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pcm.Length, encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            pcm[i] = MuLawToLinear[encoded[i]];
        }
    }

    /// <summary>Decodes A-law bytes to linear samples.</summary>
    public static void DecodeALaw(ReadOnlySpan<byte> encoded, Span<short> pcm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pcm.Length, encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            pcm[i] = ALawToLinear[encoded[i]];
        }
    }

    /// <summary>Encodes linear samples to µ-law bytes.</summary>
    public static void EncodeMuLaw(ReadOnlySpan<short> pcm, Span<byte> encoded)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(encoded.Length, pcm.Length);
        for (var i = 0; i < pcm.Length; i++)
        {
            encoded[i] = EncodeMuLaw(pcm[i]);
        }
    }

    /// <summary>Encodes linear samples to A-law bytes.</summary>
    public static void EncodeALaw(ReadOnlySpan<short> pcm, Span<byte> encoded)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(encoded.Length, pcm.Length);
        for (var i = 0; i < pcm.Length; i++)
        {
            encoded[i] = EncodeALaw(pcm[i]);
        }
    }

    /// <summary>Decodes one µ-law byte.</summary>
    public static short DecodeMuLaw(byte value) => MuLawToLinear[value];

    /// <summary>Decodes one A-law byte.</summary>
    public static short DecodeALaw(byte value) => ALawToLinear[value];

    /// <summary>Encodes one sample to µ-law.</summary>
    public static byte EncodeMuLaw(short sample)
    {
        int value = sample;
        var sign = (value >> 8) & 0x80;
        if (sign != 0)
        {
            value = -value;
        }

        value = Math.Min(value, MuLawClip) + MuLawBias;
        int exponent = Segment[(value >> 7) & 0xFF];
        var mantissa = (value >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>Encodes one sample to A-law.</summary>
    public static byte EncodeALaw(short sample)
    {
        int value = sample;
        int sign;
        if (value >= 0)
        {
            sign = 0x80;
        }
        else
        {
            sign = 0;
            value = -value - 1;
        }

        value = Math.Min(value, 32767);
        byte compressed;
        if (value >= 256)
        {
            // A-law segment 1 starts at 256 (segment 0 is the linear part below it).
            var exponent = Segment[(value >> 8) & 0x7F] + 1;
            var mantissa = (value >> (exponent + 3)) & 0x0F;
            compressed = (byte)((exponent << 4) | mantissa);
        }
        else
        {
            compressed = (byte)(value >> 4);
        }

        return (byte)((compressed | sign) ^ 0x55);
    }

    /// <summary>Index = (biased magnitude &gt;&gt; 7) for µ-law, (magnitude &gt;&gt; 8) for A-law; value = the position
    /// of the highest set bit (the µ-law segment; the A-law segment minus one).</summary>
    private static byte[] BuildSegmentTable()
    {
        var table = new byte[256];
        for (var i = 1; i < 256; i++)
        {
            table[i] = (byte)(31 - int.LeadingZeroCount(i));
        }

        return table;
    }

    private static short[] BuildMuLawTable()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            var u = ~i & 0xFF;
            var exponent = (u >> 4) & 0x07;
            var mantissa = u & 0x0F;
            var magnitude = (((mantissa << 3) + MuLawBias) << exponent) - MuLawBias;
            table[i] = (short)((u & 0x80) != 0 ? -magnitude : magnitude);
        }

        return table;
    }

    private static short[] BuildALawTable()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            var a = i ^ 0x55;
            var exponent = (a >> 4) & 0x07;
            var mantissa = a & 0x0F;
            var magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
            table[i] = (short)((a & 0x80) != 0 ? magnitude : -magnitude);
        }

        return table;
    }
}
