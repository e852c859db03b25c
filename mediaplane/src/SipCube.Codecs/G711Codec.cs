namespace SipCube.Codecs;

/// <summary>G.711 µ-law (PCMU) or A-law (PCMA) at 8 kHz mono, one byte per sample, table driven.</summary>
/// <remarks>ITU-T G.711; RFC 3551 §4.5.14. Loss concealment is a fade of the last frame (G.711 Appendix I is not
/// implemented).</remarks>
public sealed class G711Codec : IAudioCodec
{
    private const int FrameSamples = 160;
    private readonly short[] decodeTable;
    private readonly byte[] encodeTable;
    private readonly LastFrameConcealer concealer = new(FrameSamples);

    private G711Codec(AudioCodecDescriptor descriptor, short[] decodeTable, byte[] encodeTable)
    {
        Descriptor = descriptor;
        this.decodeTable = decodeTable;
        this.encodeTable = encodeTable;
    }

    /// <inheritdoc />
    public AudioCodecDescriptor Descriptor { get; }

    /// <inheritdoc />
    public int SampleRate => 8000;

    /// <inheritdoc />
    public int Channels => 1;

    /// <inheritdoc />
    public int SamplesPerFrame => FrameSamples;

    /// <inheritdoc />
    public int MaxPayloadBytes => FrameSamples;

    /// <summary>Creates a µ-law (PCMU) codec.</summary>
    public static G711Codec CreateMuLaw() => new(AudioCodecDescriptor.Pcmu, G711Tables.MuLawDecode, G711Tables.MuLawEncode);

    /// <summary>Creates an A-law (PCMA) codec.</summary>
    public static G711Codec CreateALaw() => new(AudioCodecDescriptor.Pcma, G711Tables.ALawDecode, G711Tables.ALawEncode);

    /// <inheritdoc />
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        if (payload.Length < pcm.Length)
        {
            return -1;
        }

        var table = encodeTable;
        for (var i = 0; i < pcm.Length; i++)
        {
            payload[i] = table[(ushort)pcm[i]];
        }

        return pcm.Length;
    }

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        if (pcm.Length < payload.Length)
        {
            return -1;
        }

        var table = decodeTable;
        for (var i = 0; i < payload.Length; i++)
        {
            pcm[i] = table[payload[i]];
        }

        concealer.Remember(pcm[..payload.Length]);
        return payload.Length;
    }

    /// <inheritdoc />
    public int Conceal(Span<short> pcm) => concealer.Conceal(pcm);

    /// <inheritdoc />
    public void Dispose()
    {
        // Managed tables only; nothing to release.
    }
}
