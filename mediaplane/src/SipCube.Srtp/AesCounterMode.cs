using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace SipCube.Srtp;

/// <summary>
/// AES-128 in SRTP counter mode: XORs the keystream for a 128-bit initial counter into a buffer.
/// Uses AES-NI on expanded round keys when the CPU has it (the per-call BCL path costs microseconds),
/// and falls back to <see cref="System.Security.Cryptography.Aes.EncryptEcb(ReadOnlySpan{byte}, Span{byte}, PaddingMode)"/>.
/// </summary>
/// <remarks>RFC 3711 §4.1.1. The low 16 bits of every SRTP IV are zero, so the block counter
/// never carries out of the last two bytes (a packet has fewer than 2^16 blocks).</remarks>
internal sealed class AesCounterMode : IDisposable
{
    private const int BlockSize = 16;
    private const int FallbackChunkBlocks = 16;

    private readonly Aes128RoundKeys roundKeys;
    private readonly System.Security.Cryptography.Aes? fallback;

    public AesCounterMode(ReadOnlySpan<byte> key, bool allowIntrinsics = true)
    {
        if (key.Length != 16)
        {
            throw new ArgumentException("AES-128 needs a 16-byte key.", nameof(key));
        }

        if (allowIntrinsics && X86Aes.IsSupported)
        {
            roundKeys = Aes128RoundKeys.Expand(key);
        }
        else
        {
            fallback = System.Security.Cryptography.Aes.Create();
            fallback.Key = key.ToArray();
        }
    }

    public bool UsesIntrinsics => fallback is null;

    /// <summary>The expanded key (intrinsic path only), for GCM's single-pass decryption.</summary>
    internal ref readonly Aes128RoundKeys RoundKeys => ref roundKeys;

    /// <summary>data ^= AES-CTR keystream starting at counter block <paramref name="iv"/>.</summary>
    public void Transform(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        ulong ivHigh = BinaryPrimitives.ReadUInt64BigEndian(iv);
        ulong ivLow = BinaryPrimitives.ReadUInt64BigEndian(iv[8..]);
        if (fallback is null)
        {
            TransformIntrinsics(ivHigh, ivLow, data);
        }
        else
        {
            TransformFallback(ivHigh, ivLow, data);
        }
    }

    /// <summary>One raw AES block (GCM's hash key and tag mask); <paramref name="input"/> and <paramref name="output"/> may alias.</summary>
    public void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (fallback is null)
        {
            EncryptBlock(in roundKeys, Vector128.Create(input)).CopyTo(output);
        }
        else
        {
            fallback.EncryptEcb(input[..BlockSize], output, PaddingMode.None);
        }
    }

    public void Dispose() => fallback?.Dispose();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Counter(ulong high, ulong low, int block) =>
        Vector128.Create(BinaryPrimitives.ReverseEndianness(high), BinaryPrimitives.ReverseEndianness(low + (ulong)block)).AsByte();

    private void TransformIntrinsics(ulong ivHigh, ulong ivLow, Span<byte> data)
    {
        ref readonly Aes128RoundKeys k = ref roundKeys;
        ref byte start = ref MemoryMarshal.GetReference(data);
        int blocks = data.Length / BlockSize;
        int block = 0;

        // Four independent blocks per round hide the AESENC latency.
        for (; block + 4 <= blocks; block += 4)
        {
            Vector128<byte> c0 = Counter(ivHigh, ivLow, block) ^ k[0];
            Vector128<byte> c1 = Counter(ivHigh, ivLow, block + 1) ^ k[0];
            Vector128<byte> c2 = Counter(ivHigh, ivLow, block + 2) ^ k[0];
            Vector128<byte> c3 = Counter(ivHigh, ivLow, block + 3) ^ k[0];
            for (int round = 1; round < 10; round++)
            {
                Vector128<byte> rk = k[round];
                c0 = X86Aes.Encrypt(c0, rk);
                c1 = X86Aes.Encrypt(c1, rk);
                c2 = X86Aes.Encrypt(c2, rk);
                c3 = X86Aes.Encrypt(c3, rk);
            }

            Vector128<byte> last = k[10];
            ref byte p = ref Unsafe.Add(ref start, block * BlockSize);
            XorStore(ref p, X86Aes.EncryptLast(c0, last));
            XorStore(ref Unsafe.Add(ref p, 16), X86Aes.EncryptLast(c1, last));
            XorStore(ref Unsafe.Add(ref p, 32), X86Aes.EncryptLast(c2, last));
            XorStore(ref Unsafe.Add(ref p, 48), X86Aes.EncryptLast(c3, last));
        }

        // Up to three whole blocks and a partial one are left: one more batch of four, XORed byte-exact.
        int left = data.Length - (block * BlockSize);
        if (left > 0)
        {
            Span<byte> keystream = stackalloc byte[4 * BlockSize];
            EncryptFour(in k, ivHigh, ivLow, block, keystream);
            Span<byte> rest = data[(block * BlockSize)..];
            int whole = left & ~(BlockSize - 1);
            for (int offset = 0; offset < whole; offset += BlockSize)
            {
                XorStore(ref MemoryMarshal.GetReference(rest[offset..]), Vector128.Create(keystream[offset..]));
            }

            for (int i = whole; i < left; i++)
            {
                rest[i] ^= keystream[i];
            }
        }
    }

    private static void EncryptFour(in Aes128RoundKeys k, ulong ivHigh, ulong ivLow, int block, Span<byte> keystream)
    {
        Vector128<byte> c0 = Counter(ivHigh, ivLow, block) ^ k[0];
        Vector128<byte> c1 = Counter(ivHigh, ivLow, block + 1) ^ k[0];
        Vector128<byte> c2 = Counter(ivHigh, ivLow, block + 2) ^ k[0];
        Vector128<byte> c3 = Counter(ivHigh, ivLow, block + 3) ^ k[0];
        for (int round = 1; round < 10; round++)
        {
            Vector128<byte> rk = k[round];
            c0 = X86Aes.Encrypt(c0, rk);
            c1 = X86Aes.Encrypt(c1, rk);
            c2 = X86Aes.Encrypt(c2, rk);
            c3 = X86Aes.Encrypt(c3, rk);
        }

        X86Aes.EncryptLast(c0, k[10]).CopyTo(keystream);
        X86Aes.EncryptLast(c1, k[10]).CopyTo(keystream[16..]);
        X86Aes.EncryptLast(c2, k[10]).CopyTo(keystream[32..]);
        X86Aes.EncryptLast(c3, k[10]).CopyTo(keystream[48..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> EncryptBlock(in Aes128RoundKeys k, Vector128<byte> block)
    {
        Vector128<byte> state = block ^ k[0];
        for (int round = 1; round < 10; round++)
        {
            state = X86Aes.Encrypt(state, k[round]);
        }

        return X86Aes.EncryptLast(state, k[10]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void XorStore(ref byte destination, Vector128<byte> keystream)
    {
        Vector128<byte> value = Vector128.LoadUnsafe(ref destination) ^ keystream;
        value.StoreUnsafe(ref destination);
    }

    private void TransformFallback(ulong ivHigh, ulong ivLow, Span<byte> data)
    {
        Span<byte> counters = stackalloc byte[FallbackChunkBlocks * BlockSize];
        Span<byte> keystream = stackalloc byte[FallbackChunkBlocks * BlockSize];
        int block = 0;
        for (int offset = 0; offset < data.Length; offset += counters.Length)
        {
            int chunk = Math.Min(counters.Length, data.Length - offset);
            int chunkBlocks = (chunk + BlockSize - 1) / BlockSize;
            for (int i = 0; i < chunkBlocks; i++, block++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(counters[(i * BlockSize)..], ivHigh);
                BinaryPrimitives.WriteUInt64BigEndian(counters[((i * BlockSize) + 8)..], ivLow + (ulong)block);
            }

            int bytes = chunkBlocks * BlockSize;
            fallback!.EncryptEcb(counters[..bytes], keystream[..bytes], PaddingMode.None);
            Span<byte> target = data.Slice(offset, chunk);
            for (int i = 0; i < chunk; i++)
            {
                target[i] ^= keystream[i];
            }
        }
    }
}
