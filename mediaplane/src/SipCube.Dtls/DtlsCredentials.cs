using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace SipCube.Dtls;

/// <summary>Certificate plumbing shared by our DTLS client and server.</summary>
/// <remarks>RFC 8122 §5: the peer's certificate must hash to the fingerprint its SDP announced.</remarks>
internal static class DtlsCredentials
{
    public static TlsCredentialedSigner Signer(TlsContext context, BcTlsCrypto crypto, DtlsCertificate certificate)
    {
        var chain = new Certificate([new BcTlsCertificate(crypto, certificate.Certificate.GetEncoded())]);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, certificate.PrivateKey, chain,
            new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    public static List<SignatureAndHashAlgorithm> SignatureAlgorithms() =>
    [
        new(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa),
        new(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa),
        new(HashAlgorithm.sha256, SignatureAlgorithm.rsa),
        SignatureAndHashAlgorithm.rsa_pss_rsae_sha256,
    ];

    public static void VerifyPeer(Certificate? chain, string expectedFingerprint)
    {
        if (chain is null || chain.IsEmpty)
        {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "peer sent no certificate");
        }

        var actual = DtlsFingerprint.Sha256(chain.GetCertificateAt(0).GetEncoded());
        if (!DtlsFingerprint.Matches(expectedFingerprint, actual))
        {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "certificate does not match the SDP fingerprint");
        }
    }
}
