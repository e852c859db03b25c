using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SipCube.Srtp;

/// <summary>AEAD_AES_128_GCM for SRTP and SRTCP with a 16-byte tag, one <see cref="AesGcmTransform"/> per packet kind.</summary>
/// <remarks>RFC 7714 §8.1 (RTP IV), §9 (RTP AAD = header), §9.1 (SRTCP IV), §10 (SRTCP AAD and layout), §11 (KDF)</remarks>
internal sealed class AesGcmCipher : SrtpCipher
{
    private const int SaltLength = 12;
    private const int TagLength = 16;

    // Unencrypted SRTCP (E = 0) authenticates the whole packet as AAD, which then is not contiguous.
    private const int MaxUnencryptedRtcp = 1500;

    private readonly AesGcmTransform rtp;
    private readonly AesGcmTransform rtcp;
    private readonly byte[] rtpSalt = new byte[SaltLength];
    private readonly byte[] rtcpSalt = new byte[SaltLength];

    private AesGcmCipher(ReadOnlySpan<byte> rtpKey, ReadOnlySpan<byte> rtpSessionSalt, ReadOnlySpan<byte> rtcpKey, ReadOnlySpan<byte> rtcpSessionSalt, bool allowIntrinsics)
    {
        rtp = new AesGcmTransform(rtpKey, allowIntrinsics);
        rtcp = new AesGcmTransform(rtcpKey, allowIntrinsics);
        rtpSessionSalt.CopyTo(rtpSalt);
        rtcpSessionSalt.CopyTo(rtcpSalt);
    }

    /// <summary>Derives both directions' session keys and salts from the master key and 96-bit master salt.</summary>
    public static AesGcmCipher FromMasterKey(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, bool allowIntrinsics = true)
    {
        using var prf = new AesCounterMode(masterKey);
        Span<byte> keys = stackalloc byte[2 * 16];
        Span<byte> salts = stackalloc byte[2 * SaltLength];
        SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.Label.RtpEncryption, keys[..16]);
        SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.Label.RtpSalt, salts[..SaltLength]);
        SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.Label.RtcpEncryption, keys[16..]);
        SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.Label.RtcpSalt, salts[SaltLength..]);
        var cipher = new AesGcmCipher(keys[..16], salts[..SaltLength], keys[16..], salts[SaltLength..], allowIntrinsics);
        CryptographicOperations.ZeroMemory(keys);
        return cipher;
    }

    /// <summary>Session key and salt given directly (both directions), as in the RFC 7714 §16 and §17 vectors.</summary>
    internal static AesGcmCipher FromSessionKeys(ReadOnlySpan<byte> sessionKey, ReadOnlySpan<byte> sessionSalt, bool allowIntrinsics = true) =>
        new(sessionKey, sessionSalt, sessionKey, sessionSalt, allowIntrinsics);

    public override int RtpTagLength => TagLength;

    public override int RtcpTagLength => TagLength;

    public override bool RtcpIndexAfterTag => true;

    public override void EncryptRtp(Span<byte> packet, int headerLength, int length, uint ssrc, ulong index)
    {
        Span<byte> nonce = stackalloc byte[SaltLength];
        BuildRtpNonce(rtpSalt, ssrc, index, nonce);
        Span<byte> payload = packet[headerLength..length];
        rtp.Encrypt(nonce, payload, packet.Slice(length, TagLength), packet[..headerLength]);
    }

    public override bool DecryptRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        Span<byte> nonce = stackalloc byte[SaltLength];
        BuildRtpNonce(rtpSalt, ssrc, index, nonce);
        int tagStart = packet.Length - TagLength;
        return rtp.TryDecrypt(nonce, packet[headerLength..tagStart], packet[tagStart..], packet[..headerLength]);
    }

    public override int EncryptRtcp(Span<byte> packet, int length, uint ssrc, uint index)
    {
        Span<byte> nonce = stackalloc byte[SaltLength];
        BuildRtcpNonce(rtcpSalt, ssrc, index, nonce);
        uint word = 0x8000_0000u | index;
        Span<byte> aad = stackalloc byte[12];
        packet[..8].CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad[8..], word);
        Span<byte> payload = packet[8..length];
        rtcp.Encrypt(nonce, payload, packet.Slice(length, TagLength), aad);
        BinaryPrimitives.WriteUInt32BigEndian(packet[(length + TagLength)..], word);
        return length + TagLength + SrtpProfiles.SrtcpIndexLength;
    }

    public override bool DecryptRtcp(Span<byte> packet, uint ssrc, uint index, bool encrypted)
    {
        Span<byte> nonce = stackalloc byte[SaltLength];
        BuildRtcpNonce(rtcpSalt, ssrc, index, nonce);
        int wordStart = packet.Length - SrtpProfiles.SrtcpIndexLength;
        int tagStart = wordStart - TagLength;
        ReadOnlySpan<byte> tag = packet[tagStart..wordStart];
        if (encrypted)
        {
            Span<byte> aad = stackalloc byte[12];
            packet[..8].CopyTo(aad);
            packet[wordStart..].CopyTo(aad[8..]);
            return rtcp.TryDecrypt(nonce, packet[8..tagStart], tag, aad);
        }

        if (tagStart > MaxUnencryptedRtcp)
        {
            return false;
        }

        Span<byte> whole = stackalloc byte[tagStart + SrtpProfiles.SrtcpIndexLength];
        packet[..tagStart].CopyTo(whole);
        packet[wordStart..].CopyTo(whole[tagStart..]);
        return rtcp.TryDecrypt(nonce, Span<byte>.Empty, tag, whole);
    }

    public override void Dispose()
    {
        rtp.Dispose();
        rtcp.Dispose();
    }

    /// <summary>IV = (00 00 || SSRC || ROC || SEQ) XOR salt, RFC 7714 §8.1.</summary>
    internal static void BuildRtpNonce(ReadOnlySpan<byte> salt, uint ssrc, ulong index, Span<byte> nonce)
    {
        nonce[0] = 0;
        nonce[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[6..], (uint)(index >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(nonce[10..], (ushort)index);
        Xor(nonce, salt);
    }

    /// <summary>IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt, RFC 7714 §9.1.</summary>
    internal static void BuildRtcpNonce(ReadOnlySpan<byte> salt, uint ssrc, uint index, Span<byte> nonce)
    {
        nonce.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[8..], index & 0x7FFF_FFFF);
        Xor(nonce, salt);
    }

    private static void Xor(Span<byte> target, ReadOnlySpan<byte> salt)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] ^= salt[i];
        }
    }
}
