using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SipCube.Srtp;

/// <summary>
/// The SHA-1 compression function of the system's OpenSSL 3 (<c>SHA1_Transform</c> in libcrypto.so.3), which
/// uses the CPU's SHA extensions when present: about four times faster than <see cref="Sha1Block"/> here.
/// .NET exposes no x86 SHA intrinsics and its HMAC classes re-key a native context per message
/// (measured slower than the managed code), so the raw compression is bound directly and HMAC keeps its
/// precomputed pad states. Absent or misbehaving (self-test against the managed compression), it is not used.
/// </summary>
/// <remarks>FIPS 180-4 §6.1.2; OpenSSL 3.0 sha.h (SHA_CTX is h0..h4, Nl, Nh, data[16], num: 96 bytes;
/// SHA1_Transform reads and updates only h0..h4).</remarks>
internal static unsafe class NativeSha1
{
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<ShaContext*, byte*, void> Transform = Bind();

    public static bool IsAvailable => Transform != null;

    /// <summary>Compresses whole 64-byte blocks of <paramref name="blocks"/> into <paramref name="state"/>.</summary>
    public static void Compress(ref Sha1Block.State state, ReadOnlySpan<byte> blocks)
    {
        var context = default(ShaContext);
        for (int i = 0; i < 5; i++)
        {
            context[i] = state[i];
        }

        int whole = blocks.Length & ~(Sha1Block.Size - 1);
        fixed (byte* start = blocks)
        {
            for (int offset = 0; offset < whole; offset += Sha1Block.Size)
            {
                Transform(&context, start + offset);
            }
        }

        for (int i = 0; i < 5; i++)
        {
            state[i] = context[i];
        }
    }

    private static delegate* unmanaged[Cdecl, SuppressGCTransition]<ShaContext*, byte*, void> Bind()
    {
        if (!OperatingSystem.IsLinux()
            || !NativeLibrary.TryLoad("libcrypto.so.3", typeof(NativeSha1).Assembly, null, out nint library)
            || !NativeLibrary.TryGetExport(library, "SHA1_Transform", out nint export))
        {
            return null;
        }

        var transform = (delegate* unmanaged[Cdecl, SuppressGCTransition]<ShaContext*, byte*, void>)export;
        return AgreesWithManaged(transform) ? transform : null;
    }

    /// <summary>One block of a fixed pattern through both implementations: a layout or ABI surprise shows here.</summary>
    private static bool AgreesWithManaged(delegate* unmanaged[Cdecl, SuppressGCTransition]<ShaContext*, byte*, void> transform)
    {
        Span<byte> block = stackalloc byte[Sha1Block.Size];
        for (int i = 0; i < block.Length; i++)
        {
            block[i] = (byte)((i * 37) + 11);
        }

        Sha1Block.State expected = Sha1Block.Initial();
        Sha1Block.Compress(ref expected, block);
        var context = default(ShaContext);
        Sha1Block.State initial = Sha1Block.Initial();
        for (int i = 0; i < 5; i++)
        {
            context[i] = initial[i];
        }

        fixed (byte* data = block)
        {
            transform(&context, data);
        }

        for (int i = 0; i < 5; i++)
        {
            if (context[i] != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Room for OpenSSL's SHA_CTX; only the first five words carry state here.</summary>
    [InlineArray(24)]
    private struct ShaContext
    {
        private uint element;
    }
}
