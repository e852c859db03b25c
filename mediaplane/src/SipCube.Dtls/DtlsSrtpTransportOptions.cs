namespace SipCube.Dtls;

/// <summary>Settings for one <see cref="DtlsSrtpTransport"/>.</summary>
public sealed class DtlsSrtpTransportOptions
{
    /// <summary>Our certificate (one per node).</summary>
    public required DtlsCertificate Certificate { get; init; }

    /// <summary>Our role, from the a=setup negotiation.</summary>
    public required DtlsRole Role { get; init; }

    /// <summary>The peer's sha-256 fingerprint from its SDP.</summary>
    public required string RemoteFingerprint { get; init; }

    /// <summary>SRTP profiles we accept, most preferred first.</summary>
    public IReadOnlyList<DtlsSrtpProfile> Profiles { get; init; } = [DtlsSrtpProfile.AeadAes128Gcm, DtlsSrtpProfile.Aes128CmHmacSha1_80];

    /// <summary>Limit for the whole handshake.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
