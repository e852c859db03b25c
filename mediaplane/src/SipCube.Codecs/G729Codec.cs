using SipCube.Codecs.Native;

namespace SipCube.Codecs;

/// <summary>
/// G.729 (Annex A compatible, 8 kbit/s) through Debian's libbcg729.so.0: a 20 ms RTP payload is two 10-byte frames of
/// 80 samples; a 2-byte payload tail is an Annex B SID frame. Create with <see cref="Create"/>.
/// </summary>
/// <remarks>ITU-T G.729 / G.729A / G.729B; RFC 3551 §4.5.6 (payload of 10-byte frames, optional trailing 2-byte SID).</remarks>
public sealed unsafe class G729Codec : IAudioCodec
{
    private const int SubFrameSamples = 80;
    private const int SubFrameBytes = 10;
    private const int SidBytes = 2;
    private readonly NativeCodecHandle encoder;
    private readonly NativeCodecHandle decoder;

    private G729Codec(NativeCodecHandle encoder, NativeCodecHandle decoder)
    {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /// <inheritdoc />
    public AudioCodecDescriptor Descriptor => AudioCodecDescriptor.G729;

    /// <inheritdoc />
    public int SampleRate => 8000;

    /// <inheritdoc />
    public int Channels => 1;

    /// <inheritdoc />
    public int SamplesPerFrame => 160;

    /// <inheritdoc />
    public int MaxPayloadBytes => 20;

    /// <summary>Creates an encoder/decoder pair (VAD off: continuous frames), or reports why libbcg729 is unavailable.</summary>
    public static CodecCreation Create()
    {
        if (Bcg729Native.Failure is { } failure)
        {
            return CodecCreation.Unavailable(failure);
        }

        var enc = Bcg729Native.InitEncoder(0);
        if (enc == 0)
        {
            return CodecCreation.Unavailable("g729: initBcg729EncoderChannel failed");
        }

        var encoderHandle = new NativeCodecHandle(enc, Bcg729Native.CloseEncoder);
        var dec = Bcg729Native.InitDecoder();
        if (dec == 0)
        {
            encoderHandle.Dispose();
            return CodecCreation.Unavailable("g729: initBcg729DecoderChannel failed");
        }

        return CodecCreation.Created(new G729Codec(encoderHandle, new NativeCodecHandle(dec, Bcg729Native.CloseDecoder)));
    }

    /// <inheritdoc />
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        var frames = pcm.Length / SubFrameSamples;
        if (frames * SubFrameSamples != pcm.Length || payload.Length < frames * SubFrameBytes)
        {
            return -1;
        }

        var added = false;
        encoder.DangerousAddRef(ref added);
        try
        {
            var written = 0;
            fixed (short* input = pcm)
            fixed (byte* output = payload)
            {
                for (var f = 0; f < frames; f++)
                {
                    byte length = 0;
                    Bcg729Native.Encode(encoder.DangerousGetHandle(), input + (f * SubFrameSamples), output + written, &length);
                    written += length;
                }
            }

            return written;
        }
        finally
        {
            encoder.DangerousRelease();
        }
    }

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        var frames = payload.Length / SubFrameBytes;
        var sid = payload.Length - (frames * SubFrameBytes);
        if (payload.IsEmpty || (sid != 0 && sid != SidBytes) || pcm.Length < (frames + (sid == 0 ? 0 : 1)) * SubFrameSamples)
        {
            return -1;
        }

        var added = false;
        decoder.DangerousAddRef(ref added);
        try
        {
            fixed (byte* input = payload)
            fixed (short* output = pcm)
            {
                var h = decoder.DangerousGetHandle();
                for (var f = 0; f < frames; f++)
                {
                    Bcg729Native.Decode(h, input + (f * SubFrameBytes), SubFrameBytes, 0, 0, 0, output + (f * SubFrameSamples));
                }

                if (sid != 0)
                {
                    Bcg729Native.Decode(h, input + (frames * SubFrameBytes), SidBytes, 0, 1, 0, output + (frames * SubFrameSamples));
                    frames++;
                }
            }

            return frames * SubFrameSamples;
        }
        finally
        {
            decoder.DangerousRelease();
        }
    }

    /// <inheritdoc />
    public int Conceal(Span<short> pcm)
    {
        if (pcm.Length < SamplesPerFrame)
        {
            return -1;
        }

        var added = false;
        decoder.DangerousAddRef(ref added);
        try
        {
            fixed (short* output = pcm)
            {
                // The frame erasure flag runs the decoder's own concealment (G.729 §4.4).
                Bcg729Native.Decode(decoder.DangerousGetHandle(), null, 0, 1, 0, 0, output);
                Bcg729Native.Decode(decoder.DangerousGetHandle(), null, 0, 1, 0, 0, output + SubFrameSamples);
            }

            return SamplesPerFrame;
        }
        finally
        {
            decoder.DangerousRelease();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        encoder.Dispose();
        decoder.Dispose();
    }
}
