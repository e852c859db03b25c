using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace SipCube.Srtp;

/// <summary>
/// GCM decryption of a packet-sized text with the hash and the keystream computed side by side: GHASH
/// (PCLMULQDQ) reduces once per eight blocks, so its products are independent of each other, and the CTR
/// keystream (AES-NI, J0 included, four lanes at a time) does not depend on the hash, so the CPU overlaps
/// the two instead of running the serial chains of hash-then-decrypt. The keystream stays on the stack and
/// is XORed in only after the tag matched, so a forged packet leaves the buffer unchanged.
/// </summary>
/// <remarks>NIST SP 800-38D §7.2 (J0 = IV || 0^31 || 1, text counters from inc32(J0)); RFC 7714 §8.</remarks>
internal static class GcmSinglePass
{
    /// <summary>Largest AAD + text decrypted this way (bounds the stack used); longer ones take two passes.</summary>
    public const int MaxTextLength = 2048;

    private const int BlockSize = 16;

    public static bool TryDecrypt(in Aes128RoundKeys k, in GaloisHash.KeyPowers h, ReadOnlySpan<byte> nonce, Span<byte> text, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> aad)
    {
        ulong high = BinaryPrimitives.ReadUInt64BigEndian(nonce);
        ulong low = (ulong)BinaryPrimitives.ReadUInt32BigEndian(nonce[8..]) << 32;
        int aadBlocks = (aad.Length + BlockSize - 1) / BlockSize;
        int textBlocks = (text.Length + BlockSize - 1) / BlockSize;

        // GHASH input A || pad || C || pad || len(A) || len(C) as reversed blocks, hashed eight per reduction.
        Span<Vector128<byte>> hashed = stackalloc Vector128<byte>[aadBlocks + textBlocks + 1];
        Load(aad, hashed[..aadBlocks]);
        Load(text, hashed.Slice(aadBlocks, textBlocks));
        hashed[^1] = GaloisHash.Reverse(Vector128.Create(
            BinaryPrimitives.ReverseEndianness((ulong)aad.Length * 8),
            BinaryPrimitives.ReverseEndianness((ulong)text.Length * 8)).AsByte());
        Vector128<byte> state = GaloisHash.AbsorbReversed(Vector128<byte>.Zero, hashed, in h);

        // Keystream for J0 (the tag mask, lane 0) and the text counters inc32^(i+1)(J0), four lanes at a time;
        // independent of the hash above, so the CPU runs both chains side by side.
        Span<byte> keystream = stackalloc byte[(textBlocks + 4) * BlockSize];
        ref byte stream = ref MemoryMarshal.GetReference(keystream);
        for (int lane = 0; lane <= textBlocks; lane += 4)
        {
            Vector128<byte> c0 = Counter(high, low, lane + 1) ^ k[0];
            Vector128<byte> c1 = Counter(high, low, lane + 2) ^ k[0];
            Vector128<byte> c2 = Counter(high, low, lane + 3) ^ k[0];
            Vector128<byte> c3 = Counter(high, low, lane + 4) ^ k[0];
            for (int round = 1; round < 10; round++)
            {
                Vector128<byte> rk = k[round];
                c0 = X86Aes.Encrypt(c0, rk);
                c1 = X86Aes.Encrypt(c1, rk);
                c2 = X86Aes.Encrypt(c2, rk);
                c3 = X86Aes.Encrypt(c3, rk);
            }

            ref byte out0 = ref Unsafe.Add(ref stream, lane * BlockSize);
            X86Aes.EncryptLast(c0, k[10]).StoreUnsafe(ref out0);
            X86Aes.EncryptLast(c1, k[10]).StoreUnsafe(ref Unsafe.Add(ref out0, 16));
            X86Aes.EncryptLast(c2, k[10]).StoreUnsafe(ref Unsafe.Add(ref out0, 32));
            X86Aes.EncryptLast(c3, k[10]).StoreUnsafe(ref Unsafe.Add(ref out0, 48));
        }

        Span<byte> expected = stackalloc byte[BlockSize];
        (GaloisHash.Reverse(state) ^ Vector128.LoadUnsafe(ref stream)).CopyTo(expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, tag))
        {
            return false;
        }

        XorInto(text, keystream[BlockSize..]);
        return true;
    }

    /// <summary>Byte-reversed 16-byte blocks of <paramref name="data"/>, the last one zero-padded.</summary>
    private static void Load(ReadOnlySpan<byte> data, Span<Vector128<byte>> blocks)
    {
        int whole = data.Length / BlockSize;
        ref byte start = ref MemoryMarshal.GetReference(data);
        for (int i = 0; i < whole; i++)
        {
            blocks[i] = GaloisHash.Reverse(Vector128.LoadUnsafe(ref Unsafe.Add(ref start, i * BlockSize)));
        }

        if (whole < blocks.Length)
        {
            Span<byte> last = stackalloc byte[BlockSize];
            last.Clear();
            data[(whole * BlockSize)..].CopyTo(last);
            blocks[whole] = GaloisHash.Reverse(Vector128.Create(last));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Counter(ulong high, ulong low, int counter) =>
        Vector128.Create(BinaryPrimitives.ReverseEndianness(high), BinaryPrimitives.ReverseEndianness(low | (uint)counter)).AsByte();

    private static void XorInto(Span<byte> text, ReadOnlySpan<byte> keystream)
    {
        ref byte target = ref MemoryMarshal.GetReference(text);
        ref byte source = ref MemoryMarshal.GetReference(keystream);
        int whole = text.Length & ~(BlockSize - 1);
        for (int offset = 0; offset < whole; offset += BlockSize)
        {
            ref byte p = ref Unsafe.Add(ref target, offset);
            (Vector128.LoadUnsafe(ref p) ^ Vector128.LoadUnsafe(ref Unsafe.Add(ref source, offset))).StoreUnsafe(ref p);
        }

        for (int i = whole; i < text.Length; i++)
        {
            text[i] ^= keystream[i];
        }
    }
}
