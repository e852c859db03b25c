namespace SipCube.Codecs;

/// <summary>
/// Full lookup tables for G.711: 256-entry decode tables and 65536-entry encode tables indexed by the 16-bit sample,
/// so the per-sample cost is one load in either direction.
/// </summary>
/// <remarks>ITU-T G.711 (11/88) Tables 1a/1b (A-law) and 2a/2b (µ-law): µ-law bias 0x84 and clip 32635,
/// A-law even-bit inversion (XOR 0x55).</remarks>
internal static class G711Tables
{
    private const int MuLawBias = 0x84;
    private const int MuLawClip = 32635;

    public static readonly short[] MuLawDecode = BuildDecode(DecodeMuLaw);
    public static readonly short[] ALawDecode = BuildDecode(DecodeALaw);
    public static readonly byte[] MuLawEncode = BuildEncode(EncodeMuLaw);
    public static readonly byte[] ALawEncode = BuildEncode(EncodeALaw);

    private static short[] BuildDecode(Func<byte, short> decode)
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            table[i] = decode((byte)i);
        }

        return table;
    }

    private static byte[] BuildEncode(Func<short, byte> encode)
    {
        var table = new byte[65536];
        for (var i = 0; i < 65536; i++)
        {
            table[i] = encode((short)(ushort)i);
        }

        return table;
    }

    private static int Segment(int value)
    {
        // Position of the highest set bit above bit 7 gives the segment (exponent) 0..7.
        var segment = 0;
        for (var v = value >> 8; v != 0 && segment < 7; v >>= 1)
        {
            segment++;
        }

        return segment;
    }

    private static byte EncodeMuLaw(short sample)
    {
        int value = sample;
        var sign = value < 0 ? 0x80 : 0;
        if (sign != 0)
        {
            value = -value;
        }

        value = Math.Min(value, MuLawClip) + MuLawBias;
        var exponent = Segment(value);
        var mantissa = (value >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    private static short DecodeMuLaw(byte code)
    {
        int value = (byte)~code;
        var exponent = (value >> 4) & 0x07;
        var mantissa = value & 0x0F;
        var magnitude = (((mantissa << 3) + MuLawBias) << exponent) - MuLawBias;
        return (short)((value & 0x80) != 0 ? -magnitude : magnitude);
    }

    private static byte EncodeALaw(short sample)
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

        value >>= 3; // A-law works on 13-bit magnitudes (0..4095).
        int code;
        if (value < 32)
        {
            code = value >> 1;
        }
        else
        {
            // Segment s >= 1 covers [16 << s, 32 << s); the mantissa is the 4 bits below the leading one.
            var segment = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)value) - 4;
            code = (segment << 4) | ((value >> segment) & 0x0F);
        }

        return (byte)((sign | code) ^ 0x55);
    }

    private static short DecodeALaw(byte code)
    {
        int value = code ^ 0x55;
        var exponent = (value >> 4) & 0x07;
        var mantissa = value & 0x0F;
        var magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (short)((value & 0x80) != 0 ? magnitude : -magnitude);
    }
}
