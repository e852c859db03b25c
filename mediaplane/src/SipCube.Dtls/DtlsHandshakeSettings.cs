namespace SipCube.Dtls;

/// <summary>What one handshake needs: our certificate, the peer's SDP fingerprint and our SRTP profile preference.</summary>
internal sealed record DtlsHandshakeSettings(
    DtlsCertificate Certificate,
    string RemoteFingerprint,
    IReadOnlyList<DtlsSrtpProfile> Profiles,
    Action<string>? OnAlert);
