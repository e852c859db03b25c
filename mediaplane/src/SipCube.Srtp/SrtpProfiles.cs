namespace SipCube.Srtp;

/// <summary>Key, salt and per-packet overhead sizes of each <see cref="SrtpProfile"/>.</summary>
/// <remarks>RFC 5764 §4.1.2 (AES-CM profiles), RFC 7714 §12 and §14.2 (AEAD_AES_128_GCM)</remarks>
public static class SrtpProfiles
{
    /// <summary>SRTCP index with its E flag, appended to every SRTCP packet (RFC 3711 §3.4).</summary>
    internal const int SrtcpIndexLength = 4;

    /// <summary>Master key length in bytes.</summary>
    public static int KeyLength(SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 or SrtpProfile.Aes128CmHmacSha1_32 or SrtpProfile.AeadAes128Gcm => 16,
        _ => throw Unknown(profile),
    };

    /// <summary>Master salt length in bytes: 14 for AES-CM, 12 for GCM.</summary>
    public static int SaltLength(SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 or SrtpProfile.Aes128CmHmacSha1_32 => 14,
        SrtpProfile.AeadAes128Gcm => 12,
        _ => throw Unknown(profile),
    };

    /// <summary>Bytes an SRTP packet grows by when protected (the authentication tag).</summary>
    public static int RtpOverhead(SrtpProfile profile) => RtpTagLength(profile);

    /// <summary>Bytes an SRTCP packet grows by when protected (the E flag and index, plus the tag).</summary>
    public static int RtcpOverhead(SrtpProfile profile) => SrtcpIndexLength + RtcpTagLength(profile);

    internal static int RtpTagLength(SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => 10,
        SrtpProfile.Aes128CmHmacSha1_32 => 4,
        SrtpProfile.AeadAes128Gcm => 16,
        _ => throw Unknown(profile),
    };

    // RFC 5764 §4.1.2: the _32 profile shortens only the SRTP tag; SRTCP keeps 80 bits.
    internal static int RtcpTagLength(SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 or SrtpProfile.Aes128CmHmacSha1_32 => 10,
        SrtpProfile.AeadAes128Gcm => 16,
        _ => throw Unknown(profile),
    };

    internal static bool IsAead(SrtpProfile profile) => profile == SrtpProfile.AeadAes128Gcm;

    private static ArgumentOutOfRangeException Unknown(SrtpProfile profile) =>
        new(nameof(profile), profile, "Unknown SRTP protection profile.");
}
