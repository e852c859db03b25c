namespace SipCube.Srtp;

/// <summary>The transform of one protection profile, applied in place; replay and ROC state live in <see cref="SrtpContext"/>.</summary>
/// <remarks>RFC 3711 §3.3 and §3.4 (transform order), RFC 7714 §9 and §10 (AEAD placement)</remarks>
internal abstract class SrtpCipher : IDisposable
{
    /// <summary>SRTP (RTP) authentication tag length.</summary>
    public abstract int RtpTagLength { get; }

    /// <summary>SRTCP authentication tag length.</summary>
    public abstract int RtcpTagLength { get; }

    /// <summary>True when the SRTCP E||index word follows the tag (AEAD) rather than preceding it.</summary>
    public abstract bool RtcpIndexAfterTag { get; }

    /// <summary>Encrypts packet[header..length) and writes the tag at packet[length..].</summary>
    public abstract void EncryptRtp(Span<byte> packet, int headerLength, int length, uint ssrc, ulong index);

    /// <summary>Verifies and decrypts a whole protected packet; false (packet untouched for AES-CM) when the tag fails.</summary>
    public abstract bool DecryptRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index);

    /// <summary>Encrypts packet[8..length), appends E||index and the tag; returns the protected length.</summary>
    public abstract int EncryptRtcp(Span<byte> packet, int length, uint ssrc, uint index);

    /// <summary>Verifies and (when <paramref name="encrypted"/>) decrypts a whole protected SRTCP packet.</summary>
    public abstract bool DecryptRtcp(Span<byte> packet, uint ssrc, uint index, bool encrypted);

    public abstract void Dispose();
}
