using SipCube.Codecs.Native;

namespace SipCube.Codecs;

/// <summary>
/// Opus at 48 kHz through Debian's libopus.so.0: 20 ms frames of 960 samples per channel, codec PLC and in-band FEC.
/// Create with <see cref="Create"/>; a missing library is an unavailable <see cref="CodecCreation"/>.
/// </summary>
/// <remarks>RFC 6716 (Opus), RFC 7587 (RTP payload format: opus/48000/2, one Opus packet per RTP payload).</remarks>
public sealed unsafe class OpusCodec : IAudioCodec
{
    private const int FrameSamples = 960;
    private const int MaxFrameSamples = 5760; // 120 ms, the longest Opus packet (RFC 6716 §3.2.1).
    private const int MaxPacketBytes = 1275 * 3;
    private readonly NativeCodecHandle encoder;
    private readonly NativeCodecHandle decoder;

    private OpusCodec(NativeCodecHandle encoder, NativeCodecHandle decoder, int channels)
    {
        this.encoder = encoder;
        this.decoder = decoder;
        Channels = channels;
    }

    /// <inheritdoc />
    public AudioCodecDescriptor Descriptor => AudioCodecDescriptor.Opus;

    /// <inheritdoc />
    public int SampleRate => 48000;

    /// <inheritdoc />
    public int Channels { get; }

    /// <inheritdoc />
    public int SamplesPerFrame => FrameSamples;

    /// <inheritdoc />
    public int MaxPayloadBytes => 1275;

    /// <summary>Creates an encoder/decoder pair, or reports why libopus is unavailable or rejected the settings.</summary>
    public static CodecCreation Create(OpusOptions? options = null)
    {
        options ??= OpusOptions.Voice;
        if (OpusNative.Failure is { } failure)
        {
            return CodecCreation.Unavailable(failure);
        }

        if (options.Channels is not (1 or 2))
        {
            return CodecCreation.Unavailable($"opus: {options.Channels} channels is not 1 or 2");
        }

        int error;
        var enc = OpusNative.EncoderCreate(48000, options.Channels, OpusNative.ApplicationVoip, &error);
        if (enc == 0 || error != OpusNative.Ok)
        {
            return CodecCreation.Unavailable($"opus: opus_encoder_create failed ({error})");
        }

        var encoderHandle = new NativeCodecHandle(enc, OpusNative.EncoderDestroy);
        var dec = OpusNative.DecoderCreate(48000, options.Channels, &error);
        if (dec == 0 || error != OpusNative.Ok)
        {
            encoderHandle.Dispose();
            return CodecCreation.Unavailable($"opus: opus_decoder_create failed ({error})");
        }

        var codec = new OpusCodec(encoderHandle, new NativeCodecHandle(dec, OpusNative.DecoderDestroy), options.Channels);
        var ctlResult = codec.Apply(options);
        if (ctlResult != OpusNative.Ok)
        {
            codec.Dispose();
            return CodecCreation.Unavailable($"opus: opus_encoder_ctl rejected the settings ({ctlResult})");
        }

        return CodecCreation.Created(codec);
    }

    /// <inheritdoc />
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        var samples = pcm.Length / Channels;
        if (samples * Channels != pcm.Length || samples is not (120 or 240 or 480 or 960 or 1920 or 2880))
        {
            return -1;
        }

        var added = false;
        encoder.DangerousAddRef(ref added);
        try
        {
            fixed (short* input = pcm)
            fixed (byte* output = payload)
            {
                var written = OpusNative.Encode(encoder.DangerousGetHandle(), input, samples, output,
                    Math.Min(payload.Length, MaxPacketBytes));
                // A 1- or 2-byte packet is Opus DTX (nothing worth sending); report it as "do not transmit".
                return written is 1 or 2 ? 0 : written;
            }
        }
        finally
        {
            encoder.DangerousRelease();
        }
    }

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        if (payload.IsEmpty)
        {
            return -1;
        }

        return DecodeCore(payload, pcm, fec: false);
    }

    /// <summary>
    /// Recovers the frame lost just before <paramref name="nextPayload"/> from that packet's in-band FEC data
    /// (falls back to PLC inside libopus when the packet has none). Returns samples per channel.
    /// </summary>
    public int DecodeFec(ReadOnlySpan<byte> nextPayload, Span<short> pcm) =>
        nextPayload.IsEmpty ? -1 : DecodeCore(nextPayload, pcm[..Math.Min(pcm.Length, FrameSamples * Channels)], fec: true);

    /// <inheritdoc />
    public int Conceal(Span<short> pcm) => DecodeCore([], pcm[..Math.Min(pcm.Length, FrameSamples * Channels)], fec: false);

    /// <inheritdoc />
    public void Dispose()
    {
        encoder.Dispose();
        decoder.Dispose();
    }

    private int DecodeCore(ReadOnlySpan<byte> payload, Span<short> pcm, bool fec)
    {
        var capacity = Math.Min(pcm.Length / Channels, MaxFrameSamples);
        if (capacity < 120)
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
                var result = OpusNative.Decode(decoder.DangerousGetHandle(), payload.IsEmpty ? null : input,
                    payload.Length, output, capacity, fec ? 1 : 0);
                return result < 0 ? -1 : result;
            }
        }
        finally
        {
            decoder.DangerousRelease();
        }
    }

    private int Apply(OpusOptions options)
    {
        var h = encoder.DangerousGetHandle();
        var r = OpusNative.EncoderCtl(h, OpusNative.SetBitrateRequest, options.Bitrate);
        r = r != OpusNative.Ok ? r : OpusNative.EncoderCtl(h, OpusNative.SetComplexityRequest, options.Complexity);
        r = r != OpusNative.Ok ? r : OpusNative.EncoderCtl(h, OpusNative.SetInbandFecRequest, options.InbandFec ? 1 : 0);
        r = r != OpusNative.Ok ? r : OpusNative.EncoderCtl(h, OpusNative.SetPacketLossPercRequest, options.PacketLossPercent);
        return r != OpusNative.Ok ? r : OpusNative.EncoderCtl(h, OpusNative.SetDtxRequest, options.Dtx ? 1 : 0);
    }
}
