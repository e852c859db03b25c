using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace SipCube.Dtls;

/// <summary>Our DTLS 1.2 client: offers use_srtp profiles, verifies the server fingerprint, presents our certificate.</summary>
/// <remarks>RFC 5764 §4.1.1, RFC 8842 §5</remarks>
internal class SrtpTlsClientBase : DefaultTlsClient
{
    private readonly DtlsHandshakeSettings settings;

    public SrtpTlsClientBase(BcTlsCrypto crypto, DtlsHandshakeSettings settings)
        : base(crypto) => this.settings = settings;

    public DtlsSrtpProfile? SelectedProfile { get; private set; }

    public byte[]? KeyingMaterial { get; private set; }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() =>
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    ];

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        var extensions = base.GetClientExtensions() ?? new Dictionary<int, byte[]>();
        var profiles = settings.Profiles.Select(p => (int)p).ToArray();
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData(profiles, TlsUtilities.EmptyBytes));
        return extensions;
    }

    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);
        var chosen = TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions)
            ?? throw new TlsFatalAlert(AlertDescription.handshake_failure, "server chose no use_srtp profile");
        if (chosen.ProtectionProfiles.Length != 1 || !settings.Profiles.Contains((DtlsSrtpProfile)chosen.ProtectionProfiles[0]))
        {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server chose an SRTP profile we did not offer");
        }

        SelectedProfile = (DtlsSrtpProfile)chosen.ProtectionProfiles[0];
    }

    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        KeyingMaterial = m_context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, DtlsSrtpKeys.MaterialLength(SelectedProfile!.Value));
    }

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause) =>
        settings.OnAlert?.Invoke($"raised {AlertDescription.GetText(alertDescription)}: {message} {cause?.Message}");

    public override void NotifyAlertReceived(short alertLevel, short alertDescription) =>
        settings.OnAlert?.Invoke($"received {AlertDescription.GetText(alertDescription)}");

    private sealed class Authentication(SrtpTlsClientBase owner) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate) =>
            DtlsCredentials.VerifyPeer(serverCertificate.Certificate, owner.settings.RemoteFingerprint);

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) =>
            DtlsCredentials.Signer(owner.m_context, (BcTlsCrypto)owner.Crypto, owner.settings.Certificate);
    }
}
