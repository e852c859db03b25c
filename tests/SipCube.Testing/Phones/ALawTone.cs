using SipCube.Testing.Audio;

namespace SipCube.Testing.Phones;

/// <summary>Raw headerless 8 kHz A-law (PCMA) tone files for SIPp's <c>rtp_stream="file,loops,8"</c>.</summary>
/// <remarks>ITU-T G.711 §3 (A-law: 8 segments, even bits inverted with 0x55); RFC 3551 §4.5.14 (PCMA).</remarks>
internal static class ALawTone
{
    /// <summary>Encodes one 16-bit linear sample.</summary>
    public static byte Encode(short sample)
    {
        var value = sample >> 3; // A-law works on 13-bit magnitudes
        var sign = value >= 0 ? 0x80 : 0;
        if (value < 0)
        {
            value = -value - 1;
        }

        value = Math.Min(value, 0xFFF);
        var segment = 0;
        for (var limit = 0x1F; value > limit && segment < 7; limit = (limit << 1) | 1)
        {
            segment++;
        }

        var mantissa = segment == 0 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return (byte)((sign | (segment << 4) | mantissa) ^ 0x55);
    }

    /// <summary>Writes a raw A-law sine tone.</summary>
    public static void Write(string path, double hz, double seconds, double amplitude = 0.5)
    {
        var samples = ToneWav.Sine(hz, seconds, 8000, amplitude);
        var coded = new byte[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            coded[i] = Encode(samples[i]);
        }

        File.WriteAllBytes(path, coded);
    }
}
