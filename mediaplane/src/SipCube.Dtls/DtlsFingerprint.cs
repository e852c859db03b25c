using System.Security.Cryptography;

namespace SipCube.Dtls;

/// <summary>Certificate fingerprints as SDP writes them: upper-case hex pairs joined by colons.</summary>
/// <remarks>RFC 8122 §5</remarks>
public static class DtlsFingerprint
{
    /// <summary>SHA-256 fingerprint of a DER certificate.</summary>
    public static string Sha256(ReadOnlySpan<byte> der) => string.Join(':', Convert.ToHexString(SHA256.HashData(der)).Chunk(2).Select(c => new string(c)));

    /// <summary>Compares two fingerprint strings ignoring case and surrounding spaces.</summary>
    public static bool Matches(string expected, string actual) =>
        string.Equals(expected.Trim(), actual.Trim(), StringComparison.OrdinalIgnoreCase);
}
