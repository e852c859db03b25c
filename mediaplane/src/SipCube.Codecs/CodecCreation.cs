using System.Diagnostics.CodeAnalysis;

namespace SipCube.Codecs;

/// <summary>
/// The outcome of creating a codec: either a codec, or the reason it is unavailable on this machine
/// (for example "codec unavailable: libopus.so.0 not found"). Creation never throws for a missing library.
/// </summary>
public readonly record struct CodecCreation
{
    private CodecCreation(IAudioCodec? codec, string? unavailableReason)
    {
        Codec = codec;
        UnavailableReason = unavailableReason;
    }

    /// <summary>The created codec, or null when unavailable.</summary>
    public IAudioCodec? Codec { get; }

    /// <summary>Why the codec is unavailable, or null when created.</summary>
    public string? UnavailableReason { get; }

    /// <summary>Whether <see cref="Codec"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Codec))]
    [MemberNotNullWhen(false, nameof(UnavailableReason))]
    public bool IsAvailable => Codec is not null;

    /// <summary>A created codec.</summary>
    public static CodecCreation Created(IAudioCodec codec) => new(codec, null);

    /// <summary>An unavailable codec with a reason.</summary>
    public static CodecCreation Unavailable(string reason) => new(null, reason);
}
