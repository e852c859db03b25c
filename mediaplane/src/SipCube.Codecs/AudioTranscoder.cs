namespace SipCube.Codecs;

/// <summary>
/// Per-packet transcoding for a relay leg: decode a payload of codec A, mix to mono, resample to codec B's rate, and
/// encode whole 20 ms frames of codec B. Decoded audio that does not fill a 20 ms frame waits for the next packet, so
/// odd packetisations (30 ms G.711, 60 ms Opus) are handled; 20 ms in gives 20 ms out. All buffers are allocated at
/// construction; <see cref="Transcode"/> and <see cref="Conceal"/> do not allocate. Not thread-safe: one instance per
/// leg direction.
/// </summary>
/// <remarks>RFC 3551 §4.2 (20 ms default packetisation), RFC 7587 §4.2 (Opus frame durations).</remarks>
public sealed class AudioTranscoder : IDisposable
{
    private const int MaxDecodedMs = 120;
    private const int MaxOpusFrames = 3;
    private readonly bool ownsCodecs;
    private readonly Resampler? resampler;
    private readonly short[] decoded;
    private readonly short[] mono;
    private readonly short[] pending; // mono PCM at the encoder rate waiting to be encoded
    private readonly short[] stereo;
    private readonly int frameSamples;
    private int pendingCount;

    /// <summary>Creates a pipeline from <paramref name="decoder"/>'s payloads to <paramref name="encoder"/>'s.</summary>
    public AudioTranscoder(IAudioCodec decoder, IAudioCodec encoder, bool ownsCodecs = true)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(encoder);
        Decoder = decoder;
        Encoder = encoder;
        this.ownsCodecs = ownsCodecs;
        var maxDecoded = decoder.SampleRate * MaxDecodedMs / 1000;
        decoded = new short[maxDecoded * decoder.Channels];
        mono = new short[maxDecoded];
        if (decoder.SampleRate != encoder.SampleRate)
        {
            resampler = new Resampler(decoder.SampleRate, encoder.SampleRate, maxDecoded);
        }

        frameSamples = encoder.SamplesPerFrame;
        pending = new short[(encoder.SampleRate * MaxDecodedMs / 1000) + (2 * frameSamples) + 1];
        stereo = new short[MaxOpusFrames * frameSamples * 2];
    }

    /// <summary>The codec whose payloads come in.</summary>
    public IAudioCodec Decoder { get; }

    /// <summary>The codec whose payloads go out.</summary>
    public IAudioCodec Encoder { get; }

    /// <summary>Output capacity that always suffices for one call (the longest input is 120 ms plus a partial frame).</summary>
    public int MaxOutputBytes => Encoder.MaxPayloadBytes * ((MaxDecodedMs / 20) + 1);

    /// <summary>
    /// Samples per channel (at the encoder's sample rate) in the last output; 0 when none. Advance the outgoing RTP
    /// timestamp by this scaled to the encoder's RTP clock (G.722: half of it, RFC 3551 §4.5.2).
    /// </summary>
    public int LastEncodedSamples { get; private set; }

    /// <summary>
    /// Transcodes one payload. Returns the output length; 0 when no whole output frame is ready yet or the encoder chose
    /// DTX; negative when the input payload is malformed (nothing is emitted, state is kept).
    /// </summary>
    public int Transcode(ReadOnlySpan<byte> payload, Span<byte> output)
    {
        var samples = Decoder.Decode(payload, decoded);
        return samples < 0 ? -1 : Forward(samples, output);
    }

    /// <summary>
    /// Stands in for a lost input packet: the decoder's loss concealment output is transcoded like a real frame so the
    /// far side hears concealment rather than a gap.
    /// </summary>
    public int Conceal(Span<byte> output)
    {
        var samples = Decoder.Conceal(decoded);
        return samples < 0 ? -1 : Forward(samples, output);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (ownsCodecs)
        {
            Decoder.Dispose();
            Encoder.Dispose();
        }
    }

    private int Forward(int samples, Span<byte> output)
    {
        ReadOnlySpan<short> monoIn;
        if (Decoder.Channels == 2)
        {
            ChannelMixer.StereoToMono(decoded.AsSpan(0, samples * 2), mono);
            monoIn = mono.AsSpan(0, samples);
        }
        else
        {
            monoIn = decoded.AsSpan(0, samples);
        }

        var needed = resampler?.MaxOutputLength(samples) ?? samples;
        if (pending.Length - pendingCount < needed)
        {
            // Only reachable when long Opus packets feed an Opus encoder faster than 60 ms per call drains: drop the
            // backlog (one audible glitch) instead of growing latency without bound.
            pendingCount = 0;
        }

        var target = pending.AsSpan(pendingCount);
        var produced = resampler is null ? Copy(monoIn, target) : resampler.Process(monoIn, target);
        pendingCount += produced;
        return EncodeReady(output);
    }

    private static int Copy(ReadOnlySpan<short> source, Span<short> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    private int EncodeReady(Span<byte> output)
    {
        // Everything whole goes out in one payload: sample codecs take any number of frames; an Opus packet holds at
        // most 60 ms (RFC 6716 §2.1.4), so the surplus waits for the next call and pending audio never grows unbounded.
        var frames = pendingCount / frameSamples;
        if (Encoder is OpusCodec)
        {
            frames = Math.Min(frames, MaxOpusFrames);
        }

        LastEncodedSamples = 0;
        if (frames == 0)
        {
            return 0;
        }

        var count = frames * frameSamples;
        ReadOnlySpan<short> pcm = pending.AsSpan(0, count);
        if (Encoder.Channels == 2)
        {
            ChannelMixer.MonoToStereo(pcm, stereo);
            pcm = stereo.AsSpan(0, count * 2);
        }

        var written = Encoder.Encode(pcm, output);
        pending.AsSpan(count, pendingCount - count).CopyTo(pending);
        pendingCount -= count;
        if (written > 0)
        {
            LastEncodedSamples = count;
        }

        return written;
    }
}
