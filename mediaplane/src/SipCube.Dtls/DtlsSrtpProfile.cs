namespace SipCube.Dtls;

/// <summary>SRTP protection profiles negotiated through the DTLS use_srtp extension (IANA values).</summary>
/// <remarks>RFC 5764 §4.1.2, RFC 7714 §14.2</remarks>
public enum DtlsSrtpProfile
{
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80: 16-byte key, 14-byte salt.</summary>
    Aes128CmHmacSha1_80 = 0x0001,

    /// <summary>SRTP_AES128_CM_HMAC_SHA1_32: 16-byte key, 14-byte salt.</summary>
    Aes128CmHmacSha1_32 = 0x0002,

    /// <summary>SRTP_AEAD_AES_128_GCM: 16-byte key, 12-byte salt.</summary>
    AeadAes128Gcm = 0x0007,
}
