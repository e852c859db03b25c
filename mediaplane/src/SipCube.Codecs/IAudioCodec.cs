namespace SipCube.Codecs;

/// <summary>
/// One audio codec instance (encoder and decoder state for one call direction pair). Frames are 16-bit linear PCM,
/// interleaved when <see cref="Channels"/> is 2. All methods work on caller-provided spans and never allocate.
/// Instances are thread-affine: use one instance from one thread at a time.
/// </summary>
/// <remarks>RFC 3551 §4.5 (audio encodings, 20 ms default packetisation).</remarks>
public interface IAudioCodec : IDisposable
{
    /// <summary>The SDP identity (encoding name, RTP clock rate, channels) of this codec.</summary>
    AudioCodecDescriptor Descriptor { get; }

    /// <summary>PCM sample rate in Hz the codec consumes and produces (16000 for G.722 although its RTP clock is 8000).</summary>
    int SampleRate { get; }

    /// <summary>PCM channel count of <see cref="Encode"/> input and <see cref="Decode"/> output.</summary>
    int Channels { get; }

    /// <summary>Samples per channel in one 20 ms frame at <see cref="SampleRate"/>.</summary>
    int SamplesPerFrame { get; }

    /// <summary>Upper bound of the payload size for one 20 ms frame; size encode buffers with it.</summary>
    int MaxPayloadBytes { get; }

    /// <summary>
    /// Encodes <paramref name="pcm"/> (a whole number of the codec's frames, interleaved) into <paramref name="payload"/>.
    /// Returns the payload length, 0 when the codec chose not to transmit (DTX), or a negative value on failure.
    /// </summary>
    int Encode(ReadOnlySpan<short> pcm, Span<byte> payload);

    /// <summary>
    /// Decodes one RTP payload into <paramref name="pcm"/>. Returns samples per channel written, or a negative value
    /// when the payload is malformed (peer input never throws).
    /// </summary>
    int Decode(ReadOnlySpan<byte> payload, Span<short> pcm);

    /// <summary>
    /// Produces one 20 ms frame of packet loss concealment for a lost packet (codec PLC where the codec has one,
    /// otherwise a fade of the last frame). Returns samples per channel written.
    /// </summary>
    int Conceal(Span<short> pcm);
}
