using System.Runtime.InteropServices;

namespace SipCube.Testing.Audio;

/// <summary>
/// G.729 Annex A through Debian's <c>libbcg729.so.0</c> (bcg729 1.1): a raw G.729 tone for SIPp's <c>rtp_stream</c>
/// (payload type 18, 10 bytes per 10 ms frame) and decoding back for <see cref="ToneAnalysis"/>.
/// </summary>
/// <remarks>ITU-T G.729 Annex A; RFC 3551 §4.5.6 (G729, 8 kHz, 10 ms frames of 80 bits).</remarks>
public static partial class G729
{
    private const string Library = "libbcg729.so.0";
    private const int FrameSamples = 80;
    private const int FrameBytes = 10;

    /// <summary>True when libbcg729 can be loaded on this machine.</summary>
    public static bool IsAvailable => NativeLibrary.TryLoad(Library, out _);

    /// <summary>Encodes 8 kHz samples (a whole number of 10 ms frames is used) to raw G.729 frames.</summary>
    public static byte[] Encode(ReadOnlySpan<short> samples)
    {
        var frames = samples.Length / FrameSamples;
        var output = new byte[frames * FrameBytes];
        var encoder = InitEncoder(0);
        try
        {
            var frame = new byte[FrameBytes];
            for (var i = 0; i < frames; i++)
            {
                Encode(encoder, samples.Slice(i * FrameSamples, FrameSamples), frame, out var length);
                if (length != FrameBytes)
                {
                    throw new InvalidOperationException($"bcg729 produced {length} bytes for a voice frame (VAD is off)");
                }

                frame.CopyTo(output, i * FrameBytes);
            }
        }
        finally
        {
            CloseEncoder(encoder);
        }

        return output;
    }

    /// <summary>Decodes raw G.729 frames to 8 kHz samples in [-1, 1].</summary>
    public static float[] Decode(ReadOnlySpan<byte> coded)
    {
        var frames = coded.Length / FrameBytes;
        var output = new float[frames * FrameSamples];
        var decoder = InitDecoder();
        try
        {
            var pcm = new short[FrameSamples];
            for (var i = 0; i < frames; i++)
            {
                Decode(decoder, coded.Slice(i * FrameBytes, FrameBytes), FrameBytes, 0, 0, 0, pcm);
                for (var s = 0; s < FrameSamples; s++)
                {
                    output[i * FrameSamples + s] = pcm[s] / 32768f;
                }
            }
        }
        finally
        {
            CloseDecoder(decoder);
        }

        return output;
    }

    /// <summary>Writes a raw G.729 sine tone (for <c>rtp_stream="file,loops,18"</c>).</summary>
    public static void WriteTone(string path, double hz, double seconds, double amplitude = 0.5) =>
        File.WriteAllBytes(path, Encode(ToneWav.Sine(hz, seconds, 8000, amplitude)));

    [LibraryImport(Library, EntryPoint = "initBcg729EncoderChannel")]
    private static partial nint InitEncoder(byte enableVad);

    [LibraryImport(Library, EntryPoint = "bcg729Encoder")]
    private static partial void Encode(nint context, ReadOnlySpan<short> input, Span<byte> bitStream, out byte length);

    [LibraryImport(Library, EntryPoint = "closeBcg729EncoderChannel")]
    private static partial void CloseEncoder(nint context);

    [LibraryImport(Library, EntryPoint = "initBcg729DecoderChannel")]
    private static partial nint InitDecoder();

    [LibraryImport(Library, EntryPoint = "bcg729Decoder")]
    private static partial void Decode(nint context, ReadOnlySpan<byte> bitStream, byte length, byte frameErasure,
        byte sidFrame, byte rfc3389Payload, Span<short> output);

    [LibraryImport(Library, EntryPoint = "closeBcg729DecoderChannel")]
    private static partial void CloseDecoder(nint context);
}
