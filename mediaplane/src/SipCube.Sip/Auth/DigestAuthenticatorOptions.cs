namespace SipCube.Sip.Auth;

/// <summary>Settings of the digest authenticator.</summary>
/// <remarks>RFC 8760 §2.4 (one challenge per algorithm, in order of preference), RFC 7616 §3.3 (nonce, stale).</remarks>
public sealed record DigestAuthenticatorOptions
{
    /// <summary>Node secret that signs the stateless nonces (at least 32 random bytes).</summary>
    public required byte[] Secret { get; init; }

    /// <summary>How long a nonce is accepted before the client gets stale=true.</summary>
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most nonces whose nonce-count is remembered; beyond it the oldest are evicted and answered as stale.</summary>
    public int MaxTrackedNonces { get; init; } = 100_000;

    /// <summary>Algorithms offered, in order: one WWW-Authenticate each (MD5 first by default, for old phones).</summary>
    public IReadOnlyList<DigestAlgorithm> Algorithms { get; init; } = [DigestAlgorithm.Md5, DigestAlgorithm.Sha256];
}
