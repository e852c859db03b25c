namespace SipCube.Codecs.Native;

/// <summary>Function pointers into libopus.so.0, resolved once.</summary>
/// <remarks>libopus API (opus.h, opus_defines.h), RFC 6716.</remarks>
internal static unsafe class OpusNative
{
    public const int ApplicationVoip = 2048;
    public const int Ok = 0;
    public const int SetBitrateRequest = 4002;
    public const int SetComplexityRequest = 4010;
    public const int SetInbandFecRequest = 4012;
    public const int SetPacketLossPercRequest = 4014;
    public const int SetDtxRequest = 4016;

    private static readonly Lazy<string?> LoadFailure = new(Resolve);

    public static delegate* unmanaged<int, int, int, int*, nint> EncoderCreate { get; private set; }

    public static delegate* unmanaged<nint, short*, int, byte*, int, int> Encode { get; private set; }

    public static delegate* unmanaged<nint, int, int, int> EncoderCtl { get; private set; }

    public static delegate* unmanaged<nint, void> EncoderDestroy { get; private set; }

    public static delegate* unmanaged<int, int, int*, nint> DecoderCreate { get; private set; }

    public static delegate* unmanaged<nint, byte*, int, short*, int, int, int> Decode { get; private set; }

    public static delegate* unmanaged<nint, void> DecoderDestroy { get; private set; }

    /// <summary>Null when libopus is usable, otherwise the reason it is not.</summary>
    public static string? Failure => LoadFailure.Value;

    private static string? Resolve()
    {
        var lib = NativeCodecLibrary.Load("libopus.so.0");
        if (lib.Failure is not null)
        {
            return lib.Failure;
        }

        foreach (var name in (ReadOnlySpan<string>)["opus_encoder_create", "opus_encode", "opus_encoder_ctl",
                     "opus_encoder_destroy", "opus_decoder_create", "opus_decode", "opus_decoder_destroy"])
        {
            if (!lib.TryGet(name, out _))
            {
                return lib.MissingExport(name);
            }
        }

        lib.TryGet("opus_encoder_create", out var p);
        EncoderCreate = (delegate* unmanaged<int, int, int, int*, nint>)p;
        lib.TryGet("opus_encode", out p);
        Encode = (delegate* unmanaged<nint, short*, int, byte*, int, int>)p;
        // opus_encoder_ctl is variadic; on the SysV x64 and AAPCS64 Linux ABIs integer varargs pass like fixed ones.
        lib.TryGet("opus_encoder_ctl", out p);
        EncoderCtl = (delegate* unmanaged<nint, int, int, int>)p;
        lib.TryGet("opus_encoder_destroy", out p);
        EncoderDestroy = (delegate* unmanaged<nint, void>)p;
        lib.TryGet("opus_decoder_create", out p);
        DecoderCreate = (delegate* unmanaged<int, int, int*, nint>)p;
        lib.TryGet("opus_decode", out p);
        Decode = (delegate* unmanaged<nint, byte*, int, short*, int, int, int>)p;
        lib.TryGet("opus_decoder_destroy", out p);
        DecoderDestroy = (delegate* unmanaged<nint, void>)p;
        return null;
    }
}
