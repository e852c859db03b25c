using System.Buffers.Binary;

namespace SipCube.Srtp;

/// <summary>AES-128-CM encryption with HMAC-SHA1 authentication (80- or 32-bit SRTP tag, 80-bit SRTCP tag).</summary>
/// <remarks>RFC 3711 §4.1.1 (IV), §4.2.1 (tag over the packet || ROC), §3.4 (SRTCP); RFC 5764 §4.1.2</remarks>
internal sealed class AesCmHmacSha1Cipher : SrtpCipher
{
    private const int SaltLength = 14;
    private const int AuthKeyLength = 20;

    private readonly AesCounterMode rtpCipher;
    private readonly AesCounterMode rtcpCipher;
    private readonly HmacSha1Authenticator rtpAuth;
    private readonly HmacSha1Authenticator rtcpAuth;
    private readonly byte[] rtpSalt = new byte[SaltLength];
    private readonly byte[] rtcpSalt = new byte[SaltLength];

    public AesCmHmacSha1Cipher(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, bool allowIntrinsics = true)
    {
        RtpTagLength = SrtpProfiles.RtpTagLength(profile);
        RtcpTagLength = SrtpProfiles.RtcpTagLength(profile);
        using var prf = new AesCounterMode(masterKey, allowIntrinsics);
        Span<byte> key = stackalloc byte[16];
        Span<byte> auth = stackalloc byte[AuthKeyLength];

        SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.Label.RtpEncryption, key);
        rtpCipher = new AesCounterMode(key, allowIntrinsics);
        SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.Label.RtpAuthentication, auth);
        rtpAuth = new HmacSha1Authenticator(auth, allowIntrinsics);
        SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.Label.RtpSalt, rtpSalt);

        SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.Label.RtcpEncryption, key);
        rtcpCipher = new AesCounterMode(key, allowIntrinsics);
        SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.Label.RtcpAuthentication, auth);
        rtcpAuth = new HmacSha1Authenticator(auth, allowIntrinsics);
        SrtpKeyDerivation.Derive(prf, masterSalt, SrtpKeyDerivation.Label.RtcpSalt, rtcpSalt);

        System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(auth);
    }

    public override int RtpTagLength { get; }

    public override int RtcpTagLength { get; }

    public override bool RtcpIndexAfterTag => false;

    public override void EncryptRtp(Span<byte> packet, int headerLength, int length, uint ssrc, ulong index)
    {
        Span<byte> iv = stackalloc byte[16];
        BuildIv(rtpSalt, ssrc, index, iv);
        rtpCipher.Transform(iv, packet[headerLength..length]);
        Span<byte> roc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(roc, (uint)(index >> 16));
        rtpAuth.ComputeTag(packet[..length], roc, packet.Slice(length, RtpTagLength));
    }

    public override bool DecryptRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        int authenticated = packet.Length - RtpTagLength;
        Span<byte> roc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(roc, (uint)(index >> 16));
        if (!rtpAuth.Verify(packet[..authenticated], roc, packet[authenticated..]))
        {
            return false;
        }

        Span<byte> iv = stackalloc byte[16];
        BuildIv(rtpSalt, ssrc, index, iv);
        rtpCipher.Transform(iv, packet[headerLength..authenticated]);
        return true;
    }

    public override int EncryptRtcp(Span<byte> packet, int length, uint ssrc, uint index)
    {
        Span<byte> iv = stackalloc byte[16];
        BuildIv(rtcpSalt, ssrc, index, iv);
        rtcpCipher.Transform(iv, packet[8..length]);
        BinaryPrimitives.WriteUInt32BigEndian(packet[length..], 0x8000_0000u | index);
        int authenticated = length + SrtpProfiles.SrtcpIndexLength;
        rtcpAuth.ComputeTag(packet[..authenticated], default, packet.Slice(authenticated, RtcpTagLength));
        return authenticated + RtcpTagLength;
    }

    public override bool DecryptRtcp(Span<byte> packet, uint ssrc, uint index, bool encrypted)
    {
        int authenticated = packet.Length - RtcpTagLength;
        if (!rtcpAuth.Verify(packet[..authenticated], default, packet[authenticated..]))
        {
            return false;
        }

        if (encrypted)
        {
            Span<byte> iv = stackalloc byte[16];
            BuildIv(rtcpSalt, ssrc, index, iv);
            rtcpCipher.Transform(iv, packet[8..(authenticated - SrtpProfiles.SrtcpIndexLength)]);
        }

        return true;
    }

    public override void Dispose()
    {
        rtpCipher.Dispose();
        rtcpCipher.Dispose();
        rtpAuth.Dispose();
        rtcpAuth.Dispose();
    }

    /// <summary>IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16), RFC 3711 §4.1.1.</summary>
    internal static void BuildIv(ReadOnlySpan<byte> salt, uint ssrc, ulong index, Span<byte> iv)
    {
        salt.CopyTo(iv);
        iv[14] = 0;
        iv[15] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(iv[4..], BinaryPrimitives.ReadUInt32BigEndian(iv[4..]) ^ ssrc);
        ulong low = BinaryPrimitives.ReadUInt64BigEndian(iv[8..]) ^ ((index & 0xFFFF_FFFF_FFFFUL) << 16);
        BinaryPrimitives.WriteUInt64BigEndian(iv[8..], low);
    }
}
