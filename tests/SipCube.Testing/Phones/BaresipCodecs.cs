namespace SipCube.Testing.Phones;

/// <summary>
/// Codec names as baresip 1.0's <c>audio_codecs</c> account parameter wants them, and the WAV format its
/// <c>aufile</c> source then needs (it does not resample: a WAV of another rate or channel count fails the call).
/// </summary>
/// <remarks>A bare <c>opus</c> or <c>g722</c> would mean 8 kHz mono there ("codec not found").</remarks>
public static class BaresipCodecs
{
    /// <summary>G.711 μ-law (RFC 3551 PT 0).</summary>
    public const string Pcmu = "pcmu";

    /// <summary>G.711 A-law (RFC 3551 PT 8).</summary>
    public const string Pcma = "pcma";

    /// <summary>G.722 (RFC 3551 PT 9; 16 kHz audio).</summary>
    public const string G722 = "g722/16000/1";

    /// <summary>Opus (RFC 7587: always 48000/2 in SDP).</summary>
    public const string Opus = "opus/48000/2";

    /// <summary>Turns a short name (<c>PCMU</c>, <c>opus</c>, <c>g722</c>) into baresip's spelling.</summary>
    public static string Normalize(string codec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(codec);
        return codec.Trim().ToLowerInvariant() switch
        {
            "opus" or "opus/48000" => Opus,
            "g722" or "g722/16000" or "g722/8000" or "g722/8000/1" => G722,
            var other => other,
        };
    }

    /// <summary>The sample rate and channel count baresip encodes <paramref name="codec"/> at.</summary>
    public static (int SampleRate, int Channels) AudioFormatOf(string codec) => Normalize(codec) switch
    {
        Opus => (48000, 2),
        G722 => (16000, 1),
        _ => (8000, 1),
    };
}
