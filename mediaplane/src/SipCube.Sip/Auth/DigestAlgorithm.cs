using System.Security.Cryptography;
using System.Text;

namespace SipCube.Sip.Auth;

/// <summary>A digest hash algorithm (MD5 or SHA-256) and its name on the wire.</summary>
/// <remarks>RFC 8760 §2.1 (algorithm values "MD5", "SHA-256"), RFC 7616 §3.4.</remarks>
public sealed class DigestAlgorithm
{
    private readonly Func<byte[], byte[]> _hash;

    private DigestAlgorithm(string name, Func<byte[], byte[]> hash)
    {
        Name = name;
        _hash = hash;
    }

    /// <summary>MD5 (the default of RFC 3261).</summary>
    public static DigestAlgorithm Md5 { get; } = new("MD5", MD5.HashData);

    /// <summary>SHA-256 (RFC 8760).</summary>
    public static DigestAlgorithm Sha256 { get; } = new("SHA-256", SHA256.HashData);

    /// <summary>Wire name.</summary>
    public string Name { get; }

    /// <summary>Looks up an algorithm by wire name (case-insensitive; absent means MD5).</summary>
    public static DigestAlgorithm? FromName(string? name) =>
        name is null || name.Equals("MD5", StringComparison.OrdinalIgnoreCase) ? Md5
        : name.Equals("SHA-256", StringComparison.OrdinalIgnoreCase) ? Sha256
        : null;

    /// <summary>Lower-case hex of H(text).</summary>
    public string Hash(string text) => Convert.ToHexStringLower(_hash(Encoding.UTF8.GetBytes(text)));

    /// <summary>The HA1 of <paramref name="credentials"/> for this algorithm.</summary>
    public string? Ha1(DigestCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return ReferenceEquals(this, Md5) ? credentials.Ha1Md5 : credentials.Ha1Sha256;
    }
}
