using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SipCube.Stun;

/// <summary>
/// A MESSAGE-INTEGRITY key (for ICE: the password of the short-term credential) with its HMAC-SHA1 ipad
/// and opad states computed once, so checking and signing a message costs its own SHA-1 blocks only.
/// Create one per peer connection and reuse it; without OpenSSL's SHA-1 it falls back to the BCL one-shot HMAC.
/// </summary>
/// <remarks>RFC 8489 §14.5 (HMAC-SHA1 over the message up to the attribute), §9.1.1 (short-term key);
/// RFC 2104 §2 (HMAC).</remarks>
public sealed class StunIntegrityKey
{
    private const int MacLength = 20;

    private readonly byte[] key;
    private readonly bool precomputed;
    private Sha1Compression.State inner;
    private Sha1Compression.State outer;

    /// <summary>Creates the key from its bytes (for ICE: the UTF-8 password).</summary>
    public StunIntegrityKey(ReadOnlySpan<byte> key)
        : this(key, allowNative: true)
    {
    }

    internal StunIntegrityKey(ReadOnlySpan<byte> key, bool allowNative)
    {
        this.key = key.ToArray();
        precomputed = allowNative && Sha1Compression.IsAvailable;
        if (!precomputed)
        {
            return;
        }

        // Keys longer than a block are hashed first (RFC 2104 §2).
        Span<byte> shortKey = stackalloc byte[MacLength];
        ReadOnlySpan<byte> effective = key.Length > Sha1Compression.BlockSize ? shortKey[..SHA1.HashData(key, shortKey)] : key;
        Span<byte> pad = stackalloc byte[Sha1Compression.BlockSize];
        inner = Sha1Compression.State.Initial();
        outer = Sha1Compression.State.Initial();
        pad.Fill(0x36);
        Xor(pad, effective);
        Sha1Compression.Compress(ref inner, pad);
        pad.Fill(0x5C);
        Xor(pad, effective);
        Sha1Compression.Compress(ref outer, pad);
        CryptographicOperations.ZeroMemory(pad);
        CryptographicOperations.ZeroMemory(shortKey);
    }

    /// <summary>Writes HMAC-SHA1(key, <paramref name="message"/>) into <paramref name="mac"/> (20 bytes).</summary>
    internal void Compute(ReadOnlySpan<byte> message, Span<byte> mac)
    {
        if (!precomputed)
        {
            HMACSHA1.HashData(key, message, mac);
            return;
        }

        Sha1Compression.State state = inner;
        int whole = message.Length & ~(Sha1Compression.BlockSize - 1);
        Sha1Compression.Compress(ref state, message[..whole]);
        Span<byte> tail = stackalloc byte[2 * Sha1Compression.BlockSize];
        message[whole..].CopyTo(tail);
        Finish(ref state, tail, message.Length - whole, (ulong)(Sha1Compression.BlockSize + message.Length) * 8);

        Span<byte> digest = stackalloc byte[Sha1Compression.BlockSize];
        WriteDigest(in state, digest);
        state = outer;
        Finish(ref state, digest, MacLength, (ulong)(Sha1Compression.BlockSize + MacLength) * 8);
        WriteDigest(in state, mac);
    }

    /// <summary>Pads buffer[0..used) per FIPS 180-4 §5.1.1 and compresses the one or two final blocks.</summary>
    private static void Finish(ref Sha1Compression.State state, Span<byte> buffer, int used, ulong bits)
    {
        int blocks = used + 9 <= Sha1Compression.BlockSize ? 1 : 2;
        Span<byte> final = buffer[..(blocks * Sha1Compression.BlockSize)];
        final[used] = 0x80;
        final[(used + 1)..^8].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(final[^8..], bits);
        Sha1Compression.Compress(ref state, final);
    }

    private static void WriteDigest(in Sha1Compression.State state, Span<byte> output)
    {
        for (int i = 0; i < 5; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(output[(4 * i)..], state[i]);
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
