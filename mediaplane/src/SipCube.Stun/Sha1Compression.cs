using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace SipCube.Stun;

/// <summary>
/// The SHA-1 compression function of the system's OpenSSL 3 (<c>SHA1_Transform</c> in libcrypto.so.3, SHA-NI
/// where the CPU has it), so <see cref="StunIntegrityKey"/> can start every HMAC from precomputed pad states.
/// .NET has no x86 SHA intrinsics and its HMAC classes re-key per message. SipCube.Srtp binds the same
/// function for SRTP tags; protocol libraries share no code (ARCHITECTURE.md), hence the second small binding.
/// Absent, or disagreeing with the BCL on a self-test HMAC, it is not used.
/// </summary>
/// <remarks>FIPS 180-4 §6.1.2; OpenSSL 3.0 sha.h (SHA_CTX: h0..h4, Nl, Nh, data[16], num = 96 bytes;
/// SHA1_Transform reads and updates only h0..h4).</remarks>
internal static unsafe class Sha1Compression
{
    public const int BlockSize = 64;

    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<State*, byte*, void> Transform = Bind();

    public static bool IsAvailable => Transform != null;

    /// <summary>Chaining state h0..h4 in the room of OpenSSL's SHA_CTX.</summary>
    [InlineArray(24)]
    internal struct State
    {
        private uint element;

        public static State Initial()
        {
            var state = default(State);
            state[0] = 0x67452301;
            state[1] = 0xEFCDAB89;
            state[2] = 0x98BADCFE;
            state[3] = 0x10325476;
            state[4] = 0xC3D2E1F0;
            return state;
        }
    }

    /// <summary>Compresses the whole 64-byte blocks of <paramref name="blocks"/> into <paramref name="state"/>.</summary>
    public static void Compress(ref State state, ReadOnlySpan<byte> blocks)
    {
        int whole = blocks.Length & ~(BlockSize - 1);
        fixed (State* context = &state)
        fixed (byte* start = blocks)
        {
            for (int offset = 0; offset < whole; offset += BlockSize)
            {
                Transform(context, start + offset);
            }
        }
    }

    private static delegate* unmanaged[Cdecl, SuppressGCTransition]<State*, byte*, void> Bind()
    {
        if (!OperatingSystem.IsLinux()
            || !NativeLibrary.TryLoad("libcrypto.so.3", typeof(Sha1Compression).Assembly, null, out nint library)
            || !NativeLibrary.TryGetExport(library, "SHA1_Transform", out nint export))
        {
            return null;
        }

        var transform = (delegate* unmanaged[Cdecl, SuppressGCTransition]<State*, byte*, void>)export;
        return AgreesWithBcl(transform) ? transform : null;
    }

    /// <summary>SHA-1 of 55 bytes (one padded block) both ways: a layout or ABI surprise shows here.</summary>
    private static bool AgreesWithBcl(delegate* unmanaged[Cdecl, SuppressGCTransition]<State*, byte*, void> transform)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        for (int i = 0; i < 55; i++)
        {
            block[i] = (byte)((i * 37) + 11);
        }

        Span<byte> expected = stackalloc byte[20];
        SHA1.HashData(block[..55], expected);
        block[55] = 0x80;
        block[^2] = 55 * 8 >> 8;
        block[^1] = unchecked((byte)(55 * 8));
        State state = State.Initial();
        fixed (byte* data = block)
        {
            transform(&state, data);
        }

        for (int i = 0; i < 5; i++)
        {
            uint word = (uint)((expected[4 * i] << 24) | (expected[(4 * i) + 1] << 16) | (expected[(4 * i) + 2] << 8) | expected[(4 * i) + 3]);
            if (state[i] != word)
            {
                return false;
            }
        }

        return true;
    }
}
