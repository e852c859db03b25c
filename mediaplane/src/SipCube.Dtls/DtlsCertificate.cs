using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace SipCube.Dtls;

/// <summary>
/// A self-signed ECDSA P-256 certificate for DTLS-SRTP, generated once per node; peers trust it through the
/// SHA-256 fingerprint carried in SDP, not through a CA.
/// </summary>
/// <remarks>RFC 8827 §6.5 (self-signed certs), RFC 8122 §5 (fingerprint syntax)</remarks>
public sealed class DtlsCertificate
{
    private DtlsCertificate(X509Certificate certificate, AsymmetricKeyParameter privateKey)
    {
        Certificate = certificate;
        PrivateKey = privateKey;
        Fingerprint = DtlsFingerprint.Sha256(certificate.GetEncoded());
    }

    /// <summary>The SDP fingerprint value, e.g. <c>AB:CD:...</c> (hash function sha-256).</summary>
    public string Fingerprint { get; }

    internal X509Certificate Certificate { get; }

    internal AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>Generates a fresh key pair and a certificate valid from yesterday for 30 days.</summary>
    public static DtlsCertificate Generate(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var random = new SecureRandom();
        var keyGenerator = new ECKeyPairGenerator();
        keyGenerator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        var pair = keyGenerator.GenerateKeyPair();

        var now = time.GetUtcNow().UtcDateTime;
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(new BigInteger(1, RandomNumberGenerator.GetBytes(8)));
        var name = new X509Name("CN=SipCube");
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(now.AddDays(-1));
        generator.SetNotAfter(now.AddDays(30));
        generator.SetPublicKey(pair.Public);
        var certificate = generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", pair.Private, random));
        return new DtlsCertificate(certificate, (ECPrivateKeyParameters)pair.Private);
    }
}
