using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SipCube.Srtp;

/// <summary>The SHA-1 compression function over one 64-byte block, on a five-word chaining state.</summary>
/// <remarks>FIPS 180-4 §6.1.2. Managed so HMAC can start from precomputed ipad/opad states (the BCL
/// re-keys its native HMAC context on every reset, which costs more than the hashing). The 80 rounds are
/// unrolled with the working variables renamed instead of rotated, and the message schedule kept in
/// sixteen locals, the usual shape of fast scalar SHA-1.</remarks>
internal static class Sha1Block
{
    public const int Size = 64;

    [InlineArray(5)]
    internal struct State
    {
        private uint element;
    }

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

    public static void Compress(ref State state, ReadOnlySpan<byte> block)
    {
        if (block.Length < Size)
        {
            throw new ArgumentException("A SHA-1 block is 64 bytes.", nameof(block));
        }

        ref byte p = ref MemoryMarshal.GetReference(block);
        uint w0 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 0)));
        uint w1 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 4)));
        uint w2 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 8)));
        uint w3 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 12)));
        uint w4 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 16)));
        uint w5 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 20)));
        uint w6 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 24)));
        uint w7 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 28)));
        uint w8 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 32)));
        uint w9 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 36)));
        uint w10 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 40)));
        uint w11 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 44)));
        uint w12 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 48)));
        uint w13 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 52)));
        uint w14 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 56)));
        uint w15 = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, 60)));
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];

        e += BitOperations.RotateLeft(a, 5) + (d ^ (b & (c ^ d))) + 0x5A827999 + w0;
        b = BitOperations.RotateLeft(b, 30);
        d += BitOperations.RotateLeft(e, 5) + (c ^ (a & (b ^ c))) + 0x5A827999 + w1;
        a = BitOperations.RotateLeft(a, 30);
        c += BitOperations.RotateLeft(d, 5) + (b ^ (e & (a ^ b))) + 0x5A827999 + w2;
        e = BitOperations.RotateLeft(e, 30);
        b += BitOperations.RotateLeft(c, 5) + (a ^ (d & (e ^ a))) + 0x5A827999 + w3;
        d = BitOperations.RotateLeft(d, 30);
        a += BitOperations.RotateLeft(b, 5) + (e ^ (c & (d ^ e))) + 0x5A827999 + w4;
        c = BitOperations.RotateLeft(c, 30);
        e += BitOperations.RotateLeft(a, 5) + (d ^ (b & (c ^ d))) + 0x5A827999 + w5;
        b = BitOperations.RotateLeft(b, 30);
        d += BitOperations.RotateLeft(e, 5) + (c ^ (a & (b ^ c))) + 0x5A827999 + w6;
        a = BitOperations.RotateLeft(a, 30);
        c += BitOperations.RotateLeft(d, 5) + (b ^ (e & (a ^ b))) + 0x5A827999 + w7;
        e = BitOperations.RotateLeft(e, 30);
        b += BitOperations.RotateLeft(c, 5) + (a ^ (d & (e ^ a))) + 0x5A827999 + w8;
        d = BitOperations.RotateLeft(d, 30);
        a += BitOperations.RotateLeft(b, 5) + (e ^ (c & (d ^ e))) + 0x5A827999 + w9;
        c = BitOperations.RotateLeft(c, 30);
        e += BitOperations.RotateLeft(a, 5) + (d ^ (b & (c ^ d))) + 0x5A827999 + w10;
        b = BitOperations.RotateLeft(b, 30);
        d += BitOperations.RotateLeft(e, 5) + (c ^ (a & (b ^ c))) + 0x5A827999 + w11;
        a = BitOperations.RotateLeft(a, 30);
        c += BitOperations.RotateLeft(d, 5) + (b ^ (e & (a ^ b))) + 0x5A827999 + w12;
        e = BitOperations.RotateLeft(e, 30);
        b += BitOperations.RotateLeft(c, 5) + (a ^ (d & (e ^ a))) + 0x5A827999 + w13;
        d = BitOperations.RotateLeft(d, 30);
        a += BitOperations.RotateLeft(b, 5) + (e ^ (c & (d ^ e))) + 0x5A827999 + w14;
        c = BitOperations.RotateLeft(c, 30);
        e += BitOperations.RotateLeft(a, 5) + (d ^ (b & (c ^ d))) + 0x5A827999 + w15;
        b = BitOperations.RotateLeft(b, 30);
        w0 = BitOperations.RotateLeft(w13 ^ w8 ^ w2 ^ w0, 1);
        d += BitOperations.RotateLeft(e, 5) + (c ^ (a & (b ^ c))) + 0x5A827999 + w0;
        a = BitOperations.RotateLeft(a, 30);
        w1 = BitOperations.RotateLeft(w14 ^ w9 ^ w3 ^ w1, 1);
        c += BitOperations.RotateLeft(d, 5) + (b ^ (e & (a ^ b))) + 0x5A827999 + w1;
        e = BitOperations.RotateLeft(e, 30);
        w2 = BitOperations.RotateLeft(w15 ^ w10 ^ w4 ^ w2, 1);
        b += BitOperations.RotateLeft(c, 5) + (a ^ (d & (e ^ a))) + 0x5A827999 + w2;
        d = BitOperations.RotateLeft(d, 30);
        w3 = BitOperations.RotateLeft(w0 ^ w11 ^ w5 ^ w3, 1);
        a += BitOperations.RotateLeft(b, 5) + (e ^ (c & (d ^ e))) + 0x5A827999 + w3;
        c = BitOperations.RotateLeft(c, 30);
        w4 = BitOperations.RotateLeft(w1 ^ w12 ^ w6 ^ w4, 1);
        e += BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + 0x6ED9EBA1 + w4;
        b = BitOperations.RotateLeft(b, 30);
        w5 = BitOperations.RotateLeft(w2 ^ w13 ^ w7 ^ w5, 1);
        d += BitOperations.RotateLeft(e, 5) + (a ^ b ^ c) + 0x6ED9EBA1 + w5;
        a = BitOperations.RotateLeft(a, 30);
        w6 = BitOperations.RotateLeft(w3 ^ w14 ^ w8 ^ w6, 1);
        c += BitOperations.RotateLeft(d, 5) + (e ^ a ^ b) + 0x6ED9EBA1 + w6;
        e = BitOperations.RotateLeft(e, 30);
        w7 = BitOperations.RotateLeft(w4 ^ w15 ^ w9 ^ w7, 1);
        b += BitOperations.RotateLeft(c, 5) + (d ^ e ^ a) + 0x6ED9EBA1 + w7;
        d = BitOperations.RotateLeft(d, 30);
        w8 = BitOperations.RotateLeft(w5 ^ w0 ^ w10 ^ w8, 1);
        a += BitOperations.RotateLeft(b, 5) + (c ^ d ^ e) + 0x6ED9EBA1 + w8;
        c = BitOperations.RotateLeft(c, 30);
        w9 = BitOperations.RotateLeft(w6 ^ w1 ^ w11 ^ w9, 1);
        e += BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + 0x6ED9EBA1 + w9;
        b = BitOperations.RotateLeft(b, 30);
        w10 = BitOperations.RotateLeft(w7 ^ w2 ^ w12 ^ w10, 1);
        d += BitOperations.RotateLeft(e, 5) + (a ^ b ^ c) + 0x6ED9EBA1 + w10;
        a = BitOperations.RotateLeft(a, 30);
        w11 = BitOperations.RotateLeft(w8 ^ w3 ^ w13 ^ w11, 1);
        c += BitOperations.RotateLeft(d, 5) + (e ^ a ^ b) + 0x6ED9EBA1 + w11;
        e = BitOperations.RotateLeft(e, 30);
        w12 = BitOperations.RotateLeft(w9 ^ w4 ^ w14 ^ w12, 1);
        b += BitOperations.RotateLeft(c, 5) + (d ^ e ^ a) + 0x6ED9EBA1 + w12;
        d = BitOperations.RotateLeft(d, 30);
        w13 = BitOperations.RotateLeft(w10 ^ w5 ^ w15 ^ w13, 1);
        a += BitOperations.RotateLeft(b, 5) + (c ^ d ^ e) + 0x6ED9EBA1 + w13;
        c = BitOperations.RotateLeft(c, 30);
        w14 = BitOperations.RotateLeft(w11 ^ w6 ^ w0 ^ w14, 1);
        e += BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + 0x6ED9EBA1 + w14;
        b = BitOperations.RotateLeft(b, 30);
        w15 = BitOperations.RotateLeft(w12 ^ w7 ^ w1 ^ w15, 1);
        d += BitOperations.RotateLeft(e, 5) + (a ^ b ^ c) + 0x6ED9EBA1 + w15;
        a = BitOperations.RotateLeft(a, 30);
        w0 = BitOperations.RotateLeft(w13 ^ w8 ^ w2 ^ w0, 1);
        c += BitOperations.RotateLeft(d, 5) + (e ^ a ^ b) + 0x6ED9EBA1 + w0;
        e = BitOperations.RotateLeft(e, 30);
        w1 = BitOperations.RotateLeft(w14 ^ w9 ^ w3 ^ w1, 1);
        b += BitOperations.RotateLeft(c, 5) + (d ^ e ^ a) + 0x6ED9EBA1 + w1;
        d = BitOperations.RotateLeft(d, 30);
        w2 = BitOperations.RotateLeft(w15 ^ w10 ^ w4 ^ w2, 1);
        a += BitOperations.RotateLeft(b, 5) + (c ^ d ^ e) + 0x6ED9EBA1 + w2;
        c = BitOperations.RotateLeft(c, 30);
        w3 = BitOperations.RotateLeft(w0 ^ w11 ^ w5 ^ w3, 1);
        e += BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + 0x6ED9EBA1 + w3;
        b = BitOperations.RotateLeft(b, 30);
        w4 = BitOperations.RotateLeft(w1 ^ w12 ^ w6 ^ w4, 1);
        d += BitOperations.RotateLeft(e, 5) + (a ^ b ^ c) + 0x6ED9EBA1 + w4;
        a = BitOperations.RotateLeft(a, 30);
        w5 = BitOperations.RotateLeft(w2 ^ w13 ^ w7 ^ w5, 1);
        c += BitOperations.RotateLeft(d, 5) + (e ^ a ^ b) + 0x6ED9EBA1 + w5;
        e = BitOperations.RotateLeft(e, 30);
        w6 = BitOperations.RotateLeft(w3 ^ w14 ^ w8 ^ w6, 1);
        b += BitOperations.RotateLeft(c, 5) + (d ^ e ^ a) + 0x6ED9EBA1 + w6;
        d = BitOperations.RotateLeft(d, 30);
        w7 = BitOperations.RotateLeft(w4 ^ w15 ^ w9 ^ w7, 1);
        a += BitOperations.RotateLeft(b, 5) + (c ^ d ^ e) + 0x6ED9EBA1 + w7;
        c = BitOperations.RotateLeft(c, 30);
        w8 = BitOperations.RotateLeft(w5 ^ w0 ^ w10 ^ w8, 1);
        e += BitOperations.RotateLeft(a, 5) + ((b & c) | (d & (b | c))) + 0x8F1BBCDC + w8;
        b = BitOperations.RotateLeft(b, 30);
        w9 = BitOperations.RotateLeft(w6 ^ w1 ^ w11 ^ w9, 1);
        d += BitOperations.RotateLeft(e, 5) + ((a & b) | (c & (a | b))) + 0x8F1BBCDC + w9;
        a = BitOperations.RotateLeft(a, 30);
        w10 = BitOperations.RotateLeft(w7 ^ w2 ^ w12 ^ w10, 1);
        c += BitOperations.RotateLeft(d, 5) + ((e & a) | (b & (e | a))) + 0x8F1BBCDC + w10;
        e = BitOperations.RotateLeft(e, 30);
        w11 = BitOperations.RotateLeft(w8 ^ w3 ^ w13 ^ w11, 1);
        b += BitOperations.RotateLeft(c, 5) + ((d & e) | (a & (d | e))) + 0x8F1BBCDC + w11;
        d = BitOperations.RotateLeft(d, 30);
        w12 = BitOperations.RotateLeft(w9 ^ w4 ^ w14 ^ w12, 1);
        a += BitOperations.RotateLeft(b, 5) + ((c & d) | (e & (c | d))) + 0x8F1BBCDC + w12;
        c = BitOperations.RotateLeft(c, 30);
        w13 = BitOperations.RotateLeft(w10 ^ w5 ^ w15 ^ w13, 1);
        e += BitOperations.RotateLeft(a, 5) + ((b & c) | (d & (b | c))) + 0x8F1BBCDC + w13;
        b = BitOperations.RotateLeft(b, 30);
        w14 = BitOperations.RotateLeft(w11 ^ w6 ^ w0 ^ w14, 1);
        d += BitOperations.RotateLeft(e, 5) + ((a & b) | (c & (a | b))) + 0x8F1BBCDC + w14;
        a = BitOperations.RotateLeft(a, 30);
        w15 = BitOperations.RotateLeft(w12 ^ w7 ^ w1 ^ w15, 1);
        c += BitOperations.RotateLeft(d, 5) + ((e & a) | (b & (e | a))) + 0x8F1BBCDC + w15;
        e = BitOperations.RotateLeft(e, 30);
        w0 = BitOperations.RotateLeft(w13 ^ w8 ^ w2 ^ w0, 1);
        b += BitOperations.RotateLeft(c, 5) + ((d & e) | (a & (d | e))) + 0x8F1BBCDC + w0;
        d = BitOperations.RotateLeft(d, 30);
        w1 = BitOperations.RotateLeft(w14 ^ w9 ^ w3 ^ w1, 1);
        a += BitOperations.RotateLeft(b, 5) + ((c & d) | (e & (c | d))) + 0x8F1BBCDC + w1;
        c = BitOperations.RotateLeft(c, 30);
        w2 = BitOperations.RotateLeft(w15 ^ w10 ^ w4 ^ w2, 1);
        e += BitOperations.RotateLeft(a, 5) + ((b & c) | (d & (b | c))) + 0x8F1BBCDC + w2;
        b = BitOperations.RotateLeft(b, 30);
        w3 = BitOperations.RotateLeft(w0 ^ w11 ^ w5 ^ w3, 1);
        d += BitOperations.RotateLeft(e, 5) + ((a & b) | (c & (a | b))) + 0x8F1BBCDC + w3;
        a = BitOperations.RotateLeft(a, 30);
        w4 = BitOperations.RotateLeft(w1 ^ w12 ^ w6 ^ w4, 1);
        c += BitOperations.RotateLeft(d, 5) + ((e & a) | (b & (e | a))) + 0x8F1BBCDC + w4;
        e = BitOperations.RotateLeft(e, 30);
        w5 = BitOperations.RotateLeft(w2 ^ w13 ^ w7 ^ w5, 1);
        b += BitOperations.RotateLeft(c, 5) + ((d & e) | (a & (d | e))) + 0x8F1BBCDC + w5;
        d = BitOperations.RotateLeft(d, 30);
        w6 = BitOperations.RotateLeft(w3 ^ w14 ^ w8 ^ w6, 1);
        a += BitOperations.RotateLeft(b, 5) + ((c & d) | (e & (c | d))) + 0x8F1BBCDC + w6;
        c = BitOperations.RotateLeft(c, 30);
        w7 = BitOperations.RotateLeft(w4 ^ w15 ^ w9 ^ w7, 1);
        e += BitOperations.RotateLeft(a, 5) + ((b & c) | (d & (b | c))) + 0x8F1BBCDC + w7;
        b = BitOperations.RotateLeft(b, 30);
        w8 = BitOperations.RotateLeft(w5 ^ w0 ^ w10 ^ w8, 1);
        d += BitOperations.RotateLeft(e, 5) + ((a & b) | (c & (a | b))) + 0x8F1BBCDC + w8;
        a = BitOperations.RotateLeft(a, 30);
        w9 = BitOperations.RotateLeft(w6 ^ w1 ^ w11 ^ w9, 1);
        c += BitOperations.RotateLeft(d, 5) + ((e & a) | (b & (e | a))) + 0x8F1BBCDC + w9;
        e = BitOperations.RotateLeft(e, 30);
        w10 = BitOperations.RotateLeft(w7 ^ w2 ^ w12 ^ w10, 1);
        b += BitOperations.RotateLeft(c, 5) + ((d & e) | (a & (d | e))) + 0x8F1BBCDC + w10;
        d = BitOperations.RotateLeft(d, 30);
        w11 = BitOperations.RotateLeft(w8 ^ w3 ^ w13 ^ w11, 1);
        a += BitOperations.RotateLeft(b, 5) + ((c & d) | (e & (c | d))) + 0x8F1BBCDC + w11;
        c = BitOperations.RotateLeft(c, 30);
        w12 = BitOperations.RotateLeft(w9 ^ w4 ^ w14 ^ w12, 1);
        e += BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + 0xCA62C1D6 + w12;
        b = BitOperations.RotateLeft(b, 30);
        w13 = BitOperations.RotateLeft(w10 ^ w5 ^ w15 ^ w13, 1);
        d += BitOperations.RotateLeft(e, 5) + (a ^ b ^ c) + 0xCA62C1D6 + w13;
        a = BitOperations.RotateLeft(a, 30);
        w14 = BitOperations.RotateLeft(w11 ^ w6 ^ w0 ^ w14, 1);
        c += BitOperations.RotateLeft(d, 5) + (e ^ a ^ b) + 0xCA62C1D6 + w14;
        e = BitOperations.RotateLeft(e, 30);
        w15 = BitOperations.RotateLeft(w12 ^ w7 ^ w1 ^ w15, 1);
        b += BitOperations.RotateLeft(c, 5) + (d ^ e ^ a) + 0xCA62C1D6 + w15;
        d = BitOperations.RotateLeft(d, 30);
        w0 = BitOperations.RotateLeft(w13 ^ w8 ^ w2 ^ w0, 1);
        a += BitOperations.RotateLeft(b, 5) + (c ^ d ^ e) + 0xCA62C1D6 + w0;
        c = BitOperations.RotateLeft(c, 30);
        w1 = BitOperations.RotateLeft(w14 ^ w9 ^ w3 ^ w1, 1);
        e += BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + 0xCA62C1D6 + w1;
        b = BitOperations.RotateLeft(b, 30);
        w2 = BitOperations.RotateLeft(w15 ^ w10 ^ w4 ^ w2, 1);
        d += BitOperations.RotateLeft(e, 5) + (a ^ b ^ c) + 0xCA62C1D6 + w2;
        a = BitOperations.RotateLeft(a, 30);
        w3 = BitOperations.RotateLeft(w0 ^ w11 ^ w5 ^ w3, 1);
        c += BitOperations.RotateLeft(d, 5) + (e ^ a ^ b) + 0xCA62C1D6 + w3;
        e = BitOperations.RotateLeft(e, 30);
        w4 = BitOperations.RotateLeft(w1 ^ w12 ^ w6 ^ w4, 1);
        b += BitOperations.RotateLeft(c, 5) + (d ^ e ^ a) + 0xCA62C1D6 + w4;
        d = BitOperations.RotateLeft(d, 30);
        w5 = BitOperations.RotateLeft(w2 ^ w13 ^ w7 ^ w5, 1);
        a += BitOperations.RotateLeft(b, 5) + (c ^ d ^ e) + 0xCA62C1D6 + w5;
        c = BitOperations.RotateLeft(c, 30);
        w6 = BitOperations.RotateLeft(w3 ^ w14 ^ w8 ^ w6, 1);
        e += BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + 0xCA62C1D6 + w6;
        b = BitOperations.RotateLeft(b, 30);
        w7 = BitOperations.RotateLeft(w4 ^ w15 ^ w9 ^ w7, 1);
        d += BitOperations.RotateLeft(e, 5) + (a ^ b ^ c) + 0xCA62C1D6 + w7;
        a = BitOperations.RotateLeft(a, 30);
        w8 = BitOperations.RotateLeft(w5 ^ w0 ^ w10 ^ w8, 1);
        c += BitOperations.RotateLeft(d, 5) + (e ^ a ^ b) + 0xCA62C1D6 + w8;
        e = BitOperations.RotateLeft(e, 30);
        w9 = BitOperations.RotateLeft(w6 ^ w1 ^ w11 ^ w9, 1);
        b += BitOperations.RotateLeft(c, 5) + (d ^ e ^ a) + 0xCA62C1D6 + w9;
        d = BitOperations.RotateLeft(d, 30);
        w10 = BitOperations.RotateLeft(w7 ^ w2 ^ w12 ^ w10, 1);
        a += BitOperations.RotateLeft(b, 5) + (c ^ d ^ e) + 0xCA62C1D6 + w10;
        c = BitOperations.RotateLeft(c, 30);
        w11 = BitOperations.RotateLeft(w8 ^ w3 ^ w13 ^ w11, 1);
        e += BitOperations.RotateLeft(a, 5) + (b ^ c ^ d) + 0xCA62C1D6 + w11;
        b = BitOperations.RotateLeft(b, 30);
        w12 = BitOperations.RotateLeft(w9 ^ w4 ^ w14 ^ w12, 1);
        d += BitOperations.RotateLeft(e, 5) + (a ^ b ^ c) + 0xCA62C1D6 + w12;
        a = BitOperations.RotateLeft(a, 30);
        w13 = BitOperations.RotateLeft(w10 ^ w5 ^ w15 ^ w13, 1);
        c += BitOperations.RotateLeft(d, 5) + (e ^ a ^ b) + 0xCA62C1D6 + w13;
        e = BitOperations.RotateLeft(e, 30);
        w14 = BitOperations.RotateLeft(w11 ^ w6 ^ w0 ^ w14, 1);
        b += BitOperations.RotateLeft(c, 5) + (d ^ e ^ a) + 0xCA62C1D6 + w14;
        d = BitOperations.RotateLeft(d, 30);
        w15 = BitOperations.RotateLeft(w12 ^ w7 ^ w1 ^ w15, 1);
        a += BitOperations.RotateLeft(b, 5) + (c ^ d ^ e) + 0xCA62C1D6 + w15;
        c = BitOperations.RotateLeft(c, 30);

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
    }
}
