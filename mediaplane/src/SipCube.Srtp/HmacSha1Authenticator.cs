using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SipCube.Srtp;

/// <summary>HMAC-SHA1 tag over a packet and a trailing value, from SHA-1 states precomputed after the ipad and opad blocks.</summary>
/// <remarks>RFC 3711 §4.2.1 (tag over the authenticated portion || ROC), RFC 2104 §2 (HMAC). Keeping the
/// keyed states saves two of the compressions per packet; the compressions run in OpenSSL's SHA-NI code
/// (<see cref="NativeSha1"/>) when it is there, else in <see cref="Sha1Block"/>.</remarks>
internal sealed class HmacSha1Authenticator : IDisposable
{
    public const int DigestLength = 20;

    private readonly bool useNative;
    private Sha1Block.State inner;
    private Sha1Block.State outer;

    public HmacSha1Authenticator(ReadOnlySpan<byte> key, bool allowNative = true)
    {
        useNative = allowNative && NativeSha1.IsAvailable;
        if (key.Length > Sha1Block.Size)
        {
            throw new ArgumentException("HMAC keys longer than one block are not used by SRTP.", nameof(key));
        }

        Span<byte> pad = stackalloc byte[Sha1Block.Size];
        inner = Sha1Block.Initial();
        outer = Sha1Block.Initial();
        pad.Fill(0x36);
        Xor(pad, key);
        Compress(ref inner, pad);
        pad.Fill(0x5C);
        Xor(pad, key);
        Compress(ref outer, pad);
        CryptographicOperations.ZeroMemory(pad);
    }

    /// <summary>Writes HMAC(key, data || trailer) truncated to <paramref name="tag"/>.Length bytes.</summary>
    public void ComputeTag(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, Span<byte> tag)
    {
        Sha1Block.State state = inner;
        int whole = data.Length & ~(Sha1Block.Size - 1);
        Compress(ref state, data[..whole]);

        // Tail: rest of data, trailer, 0x80, zeros, bit length of ipad block + message (one or two blocks).
        Span<byte> tail = stackalloc byte[2 * Sha1Block.Size + Sha1Block.Size];
        int rest = data.Length - whole;
        data[whole..].CopyTo(tail);
        trailer.CopyTo(tail[rest..]);
        int used = rest + trailer.Length;
        ulong bits = (ulong)(Sha1Block.Size + data.Length + trailer.Length) * 8;
        FinishInto(ref state, tail, used, bits);

        Span<byte> digest = stackalloc byte[Sha1Block.Size];
        for (int i = 0; i < 5; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest[(4 * i)..], state[i]);
        }

        state = outer;
        FinishInto(ref state, digest, DigestLength, (ulong)(Sha1Block.Size + DigestLength) * 8);
        Span<byte> mac = stackalloc byte[DigestLength];
        for (int i = 0; i < 5; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(mac[(4 * i)..], state[i]);
        }

        mac[..tag.Length].CopyTo(tag);
    }

    /// <summary>Constant-time comparison of the computed tag with <paramref name="received"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> trailer, ReadOnlySpan<byte> received)
    {
        Span<byte> expected = stackalloc byte[DigestLength];
        ComputeTag(data, trailer, expected[..received.Length]);
        return CryptographicOperations.FixedTimeEquals(expected[..received.Length], received);
    }

    public void Dispose()
    {
        inner = default;
        outer = default;
    }

    /// <summary>Pads buffer[0..used) per FIPS 180-4 §5.1.1 and compresses the one or two final blocks.</summary>
    private void FinishInto(ref Sha1Block.State state, Span<byte> buffer, int used, ulong bits)
    {
        int blocks = used + 9 <= Sha1Block.Size ? 1 : 2;
        Span<byte> final = buffer[..(blocks * Sha1Block.Size)];
        final[used] = 0x80;
        final[(used + 1)..^8].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(final[^8..], bits);
        Compress(ref state, final);
    }

    /// <summary>Compresses every whole block of <paramref name="blocks"/>, natively in one call when possible.</summary>
    private void Compress(ref Sha1Block.State state, ReadOnlySpan<byte> blocks)
    {
        if (useNative)
        {
            NativeSha1.Compress(ref state, blocks);
            return;
        }

        for (int offset = 0; offset + Sha1Block.Size <= blocks.Length; offset += Sha1Block.Size)
        {
            Sha1Block.Compress(ref state, blocks.Slice(offset, Sha1Block.Size));
        }
    }

    private static void Xor(Span<byte> pad, ReadOnlySpan<byte> key)
    {
        for (int i = 0; i < key.Length; i++)
        {
            pad[i] ^= key[i];
        }
    }
}
