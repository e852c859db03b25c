namespace SipCube.Srtp;

/// <summary>SRTP protection profiles, numbered as in the IANA DTLS-SRTP registry.</summary>
/// <remarks>RFC 5764 §4.1.2, RFC 7714 §14.2</remarks>
public enum SrtpProfile
{
    /// <summary>AES-128 counter mode with an 80-bit HMAC-SHA1 tag (SRTP_AES128_CM_HMAC_SHA1_80).</summary>
    Aes128CmHmacSha1_80 = 0x0001,

    /// <summary>AES-128 counter mode with a 32-bit HMAC-SHA1 RTP tag; SRTCP keeps 80 bits (SRTP_AES128_CM_HMAC_SHA1_32).</summary>
    Aes128CmHmacSha1_32 = 0x0002,

    /// <summary>AEAD AES-128-GCM with a 16-byte tag (SRTP_AEAD_AES_128_GCM).</summary>
    AeadAes128Gcm = 0x0007,
}
