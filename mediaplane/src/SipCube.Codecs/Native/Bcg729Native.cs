namespace SipCube.Codecs.Native;

/// <summary>Function pointers into libbcg729.so.0 (bcg729 1.x API), resolved once.</summary>
/// <remarks>bcg729 encoder.h / decoder.h; ITU-T G.729 Annex A frames of 80 samples / 10 bytes.</remarks>
internal static unsafe class Bcg729Native
{
    private static readonly Lazy<string?> LoadFailure = new(Resolve);

    public static delegate* unmanaged<byte, nint> InitEncoder { get; private set; }

    public static delegate* unmanaged<nint, void> CloseEncoder { get; private set; }

    public static delegate* unmanaged<nint, short*, byte*, byte*, void> Encode { get; private set; }

    public static delegate* unmanaged<nint> InitDecoder { get; private set; }

    public static delegate* unmanaged<nint, void> CloseDecoder { get; private set; }

    public static delegate* unmanaged<nint, byte*, byte, byte, byte, byte, short*, void> Decode { get; private set; }

    /// <summary>Null when libbcg729 is usable, otherwise the reason it is not.</summary>
    public static string? Failure => LoadFailure.Value;

    private static string? Resolve()
    {
        var lib = NativeCodecLibrary.Load("libbcg729.so.0");
        if (lib.Failure is not null)
        {
            return lib.Failure;
        }

        foreach (var name in (ReadOnlySpan<string>)["initBcg729EncoderChannel", "closeBcg729EncoderChannel",
                     "bcg729Encoder", "initBcg729DecoderChannel", "closeBcg729DecoderChannel", "bcg729Decoder"])
        {
            if (!lib.TryGet(name, out _))
            {
                return lib.MissingExport(name);
            }
        }

        lib.TryGet("initBcg729EncoderChannel", out var p);
        InitEncoder = (delegate* unmanaged<byte, nint>)p;
        lib.TryGet("closeBcg729EncoderChannel", out p);
        CloseEncoder = (delegate* unmanaged<nint, void>)p;
        lib.TryGet("bcg729Encoder", out p);
        Encode = (delegate* unmanaged<nint, short*, byte*, byte*, void>)p;
        lib.TryGet("initBcg729DecoderChannel", out p);
        InitDecoder = (delegate* unmanaged<nint>)p;
        lib.TryGet("closeBcg729DecoderChannel", out p);
        CloseDecoder = (delegate* unmanaged<nint, void>)p;
        lib.TryGet("bcg729Decoder", out p);
        Decode = (delegate* unmanaged<nint, byte*, byte, byte, byte, byte, short*, void>)p;
        return null;
    }
}
