using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace SipCube.Dtls;

/// <summary>Our DTLS 1.2 server: ECDSA credentials, client certificate required, use_srtp selection.</summary>
/// <remarks>RFC 5764 §4.1.1-§4.1.2, RFC 8827 §6.5 (both ends present certificates)</remarks>
internal class SrtpTlsServerBase : DefaultTlsServer
{
    private readonly DtlsHandshakeSettings settings;

    public SrtpTlsServerBase(BcTlsCrypto crypto, DtlsHandshakeSettings settings)
        : base(crypto) => this.settings = settings;

    public DtlsSrtpProfile? SelectedProfile { get; private set; }

    public byte[]? KeyingMaterial { get; private set; }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() =>
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    ];

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() =>
        DtlsCredentials.Signer(m_context, (BcTlsCrypto)Crypto, settings.Certificate);

    public override CertificateRequest GetCertificateRequest() =>
        new([ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign], DtlsCredentials.SignatureAlgorithms(), null);

    public override void NotifyClientCertificate(Certificate clientCertificate) =>
        DtlsCredentials.VerifyPeer(clientCertificate, settings.RemoteFingerprint);

    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        var offered = TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions)
            ?? throw new TlsFatalAlert(AlertDescription.handshake_failure, "client offered no use_srtp");
        foreach (var profile in settings.Profiles)
        {
            if (Array.IndexOf(offered.ProtectionProfiles, (int)profile) >= 0)
            {
                SelectedProfile = profile;
                return;
            }
        }

        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP protection profile");
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        var extensions = base.GetServerExtensions();
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([(int)SelectedProfile!.Value], TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();

        // Keying material can only be exported from inside this callback (BouncyCastle restriction).
        KeyingMaterial = m_context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, DtlsSrtpKeys.MaterialLength(SelectedProfile!.Value));
    }

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause) =>
        settings.OnAlert?.Invoke($"raised {AlertDescription.GetText(alertDescription)}: {message} {cause?.Message}");

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        settings.OnAlert?.Invoke($"received {AlertDescription.GetText(alertDescription)}");
}
