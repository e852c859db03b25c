namespace SipCube.Codecs;

/// <summary>
/// The codecs this library knows, looked up by SDP rtpmap name and clock rate (PCMU, PCMA, G722, opus/48000/2, G729),
/// with whether each can be created on this machine (Opus and G.729 need their Debian native libraries).
/// </summary>
/// <remarks>RFC 3551 Table 4; RFC 7587 §7; RFC 8866 §6.6.</remarks>
public sealed class AudioCodecRegistry
{
    private readonly OpusOptions opusOptions;

    /// <summary>Creates a registry; <paramref name="opusOptions"/> configures every Opus codec it creates.</summary>
    public AudioCodecRegistry(OpusOptions? opusOptions = null)
    {
        this.opusOptions = opusOptions ?? OpusOptions.Voice;
    }

    /// <summary>All codecs known to this library, in a sensible offer order (wideband first).</summary>
    public static IReadOnlyList<AudioCodecDescriptor> Known { get; } =
    [
        AudioCodecDescriptor.Opus,
        AudioCodecDescriptor.G722,
        AudioCodecDescriptor.Pcmu,
        AudioCodecDescriptor.Pcma,
        AudioCodecDescriptor.G729,
    ];

    /// <summary>The known codec for an rtpmap entry, or null.</summary>
    public static AudioCodecDescriptor? Find(string encodingName, int clockRate)
    {
        foreach (var descriptor in Known)
        {
            if (descriptor.Matches(encodingName, clockRate))
            {
                return descriptor;
            }
        }

        return null;
    }

    /// <summary>The static payload type's codec (0, 8, 9, 18), or null.</summary>
    public static AudioCodecDescriptor? FindStatic(int payloadType)
    {
        foreach (var descriptor in Known)
        {
            if (descriptor.StaticPayloadType == payloadType)
            {
                return descriptor;
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="descriptor"/> cannot be created here, or null when it can.</summary>
    public static string? UnavailableReason(AudioCodecDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (descriptor.Equals(AudioCodecDescriptor.Opus))
        {
            return Native.OpusNative.Failure;
        }

        if (descriptor.Equals(AudioCodecDescriptor.G729))
        {
            return Native.Bcg729Native.Failure;
        }

        return Find(descriptor.EncodingName, descriptor.ClockRate) is null ? $"codec unavailable: {descriptor} is not supported" : null;
    }

    /// <summary>Whether <paramref name="descriptor"/> can be created here.</summary>
    public static bool IsAvailable(AudioCodecDescriptor descriptor) => UnavailableReason(descriptor) is null;

    /// <summary>The known codecs that can be created on this machine.</summary>
    public static IReadOnlyList<AudioCodecDescriptor> Available() => [.. Known.Where(IsAvailable)];

    /// <summary>Creates a codec for an rtpmap entry, or reports why it is unknown or unavailable.</summary>
    public CodecCreation Create(string encodingName, int clockRate)
    {
        var descriptor = Find(encodingName, clockRate);
        return descriptor is null
            ? CodecCreation.Unavailable($"codec unavailable: {encodingName}/{clockRate} is not supported")
            : Create(descriptor);
    }

    /// <summary>Creates a codec for a known descriptor, or reports why it is unavailable.</summary>
    public CodecCreation Create(AudioCodecDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return descriptor.EncodingName.ToUpperInvariant() switch
        {
            "PCMU" => CodecCreation.Created(G711Codec.CreateMuLaw()),
            "PCMA" => CodecCreation.Created(G711Codec.CreateALaw()),
            "G722" => CodecCreation.Created(new G722Codec()),
            "G729" => G729Codec.Create(),
            "OPUS" => OpusCodec.Create(opusOptions),
            _ => CodecCreation.Unavailable($"codec unavailable: {descriptor} is not supported"),
        };
    }
}
