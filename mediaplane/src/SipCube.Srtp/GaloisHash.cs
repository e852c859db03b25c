using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SipCube.Srtp;

/// <summary>
/// GHASH, the GF(2^128) polynomial hash of GCM, with PCLMULQDQ. Blocks are byte-reversed so the
/// carry-less multiply works on GCM's reflected bit order; the product is shifted left by one and
/// reduced modulo x^128 + x^7 + x^2 + x + 1 (Gueron and Kounavis, "Intel Carry-Less Multiplication
/// Instruction and its Usage for Computing the GCM Mode", algorithm 5).
/// </summary>
/// <remarks>NIST SP 800-38D §6.4</remarks>
internal static class GaloisHash
{
    public static bool IsSupported => Pclmulqdq.IsSupported && Ssse3.IsSupported && System.Runtime.Intrinsics.X86.Aes.IsSupported;

    private static Vector128<byte> ReverseMask => Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Reverse(Vector128<byte> block) => Ssse3.Shuffle(block, ReverseMask);

    /// <summary>H, H^2, ..., H^8 (byte-reversed), so up to eight blocks share one reduction.</summary>
    [InlineArray(Count)]
    internal struct KeyPowers
    {
        public const int Count = 8;

        private Vector128<byte> element;

        public static KeyPowers From(Vector128<byte> hashKey)
        {
            var powers = default(KeyPowers);
            powers[0] = hashKey;
            for (int i = 1; i < Count; i++)
            {
                powers[i] = Multiply(powers[i - 1], hashKey);
            }

            return powers;
        }
    }

    /// <summary>Absorbs already byte-reversed blocks, up to eight per reduction:
    /// Y' = (Y ^ X1)·H^m ^ X2·H^(m-1) ^ ... ^ Xm·H, all products independent of each other.</summary>
    public static Vector128<byte> AbsorbReversed(Vector128<byte> state, ReadOnlySpan<Vector128<byte>> blocks, in KeyPowers h)
    {
        for (int start = 0; start < blocks.Length; start += KeyPowers.Count)
        {
            int m = Math.Min(KeyPowers.Count, blocks.Length - start);
            (Vector128<ulong> low, Vector128<ulong> high) = Product(state ^ blocks[start], h[m - 1]);
            for (int j = 1; j < m; j++)
            {
                (Vector128<ulong> lo, Vector128<ulong> hi) = Product(blocks[start + j], h[m - 1 - j]);
                low ^= lo;
                high ^= hi;
            }

            state = Reduce(low, high);
        }

        return state;
    }

    /// <summary>Absorbs <paramref name="data"/> (zero-padded to whole blocks) into <paramref name="state"/>.</summary>
    public static Vector128<byte> Absorb(Vector128<byte> state, ReadOnlySpan<byte> data, in KeyPowers h)
    {
        int offset = 0;

        for (; offset + 64 <= data.Length; offset += 64)
        {
            state = AbsorbFour(
                state,
                Vector128.Create(data.Slice(offset, 16)),
                Vector128.Create(data.Slice(offset + 16, 16)),
                Vector128.Create(data.Slice(offset + 32, 16)),
                Vector128.Create(data.Slice(offset + 48, 16)),
                in h);
        }

        int whole = data.Length & ~15;
        for (; offset < whole; offset += 16)
        {
            state = Multiply(state ^ Reverse(Vector128.Create(data.Slice(offset, 16))), h[0]);
        }

        if (whole < data.Length)
        {
            Span<byte> last = stackalloc byte[16];
            last.Clear();
            data[whole..].CopyTo(last);
            state = Multiply(state ^ Reverse(Vector128.Create(last)), h[0]);
        }

        return state;
    }

    /// <summary>Absorbs four whole blocks (as they are on the wire) with one reduction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> AbsorbFour(Vector128<byte> state, Vector128<byte> x1, Vector128<byte> x2, Vector128<byte> x3, Vector128<byte> x4, in KeyPowers h)
    {
        // Y' = (Y ^ X1)·H^4 ^ X2·H^3 ^ X3·H^2 ^ X4·H: the shift and reduction are linear, so they run once.
        (Vector128<ulong> lo, Vector128<ulong> hi) = Product(state ^ Reverse(x1), h[3]);
        (Vector128<ulong> lo2, Vector128<ulong> hi2) = Product(Reverse(x2), h[2]);
        (Vector128<ulong> lo3, Vector128<ulong> hi3) = Product(Reverse(x3), h[1]);
        (Vector128<ulong> lo4, Vector128<ulong> hi4) = Product(Reverse(x4), h[0]);
        return Reduce(lo ^ lo2 ^ lo3 ^ lo4, hi ^ hi2 ^ hi3 ^ hi4);
    }

    /// <summary>Absorbs the final block len(A) || len(C), both in bits, big-endian 64-bit.</summary>
    public static Vector128<byte> AbsorbLengths(Vector128<byte> state, int aadLength, int textLength, in KeyPowers h)
    {
        Span<byte> lengths = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(lengths, (ulong)aadLength * 8);
        BinaryPrimitives.WriteUInt64BigEndian(lengths[8..], (ulong)textLength * 8);
        return Multiply(state ^ Reverse(Vector128.Create(lengths)), h[0]);
    }

    /// <summary>a · b in GF(2^128), both operands and the result byte-reversed.</summary>
    public static Vector128<byte> Multiply(Vector128<byte> a, Vector128<byte> b)
    {
        (Vector128<ulong> low, Vector128<ulong> high) = Product(a, b);
        return Reduce(low, high);
    }

    /// <summary>The 256-bit carry-less product high:low, unreduced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<ulong> Low, Vector128<ulong> High) Product(Vector128<byte> aBytes, Vector128<byte> bBytes)
    {
        Vector128<ulong> a = aBytes.AsUInt64();
        Vector128<ulong> b = bBytes.AsUInt64();
        Vector128<ulong> low = Pclmulqdq.CarrylessMultiply(a, b, 0x00);
        Vector128<ulong> middle = Pclmulqdq.CarrylessMultiply(a, b, 0x10) ^ Pclmulqdq.CarrylessMultiply(a, b, 0x01);
        Vector128<ulong> high = Pclmulqdq.CarrylessMultiply(a, b, 0x11);
        return (low ^ Sse2.ShiftLeftLogical128BitLane(middle, 8), high ^ Sse2.ShiftRightLogical128BitLane(middle, 8));
    }

    /// <summary>Shifts high:low left by one bit (the reflected representation needs it) and reduces modulo
    /// x^128 + x^7 + x^2 + x + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Reduce(Vector128<ulong> low, Vector128<ulong> high)
    {
        Vector128<uint> lo = low.AsUInt32();
        Vector128<uint> hi = high.AsUInt32();
        Vector128<uint> loCarry = Sse2.ShiftRightLogical(lo, 31);
        Vector128<uint> hiCarry = Sse2.ShiftRightLogical(hi, 31);
        lo = Sse2.ShiftLeftLogical(lo, 1);
        hi = Sse2.ShiftLeftLogical(hi, 1);
        Vector128<uint> crossing = Sse2.ShiftRightLogical128BitLane(loCarry, 12);
        hiCarry = Sse2.ShiftLeftLogical128BitLane(hiCarry, 4);
        loCarry = Sse2.ShiftLeftLogical128BitLane(loCarry, 4);
        lo |= loCarry;
        hi |= hiCarry | crossing;

        Vector128<uint> first = Sse2.ShiftLeftLogical(lo, 31) ^ Sse2.ShiftLeftLogical(lo, 30) ^ Sse2.ShiftLeftLogical(lo, 25);
        Vector128<uint> firstHigh = Sse2.ShiftRightLogical128BitLane(first, 4);
        lo ^= Sse2.ShiftLeftLogical128BitLane(first, 12);
        Vector128<uint> second = Sse2.ShiftRightLogical(lo, 1) ^ Sse2.ShiftRightLogical(lo, 2) ^ Sse2.ShiftRightLogical(lo, 7) ^ firstHigh;
        lo ^= second;
        return (hi ^ lo).AsByte();
    }
}
