using System.Collections.Concurrent;

namespace SipCube.Sip.Auth;

/// <summary>Credentials kept in memory (tests, the load harness, small setups).</summary>
/// <remarks>RFC 8760 §2 (HA1 per algorithm).</remarks>
public sealed class InMemoryDigestCredentialSource : IDigestCredentialSource
{
    private readonly ConcurrentDictionary<(string User, string Realm), DigestCredentials> _users = new();

    /// <summary>Adds a user, hashing the password into both HA1 values.</summary>
    public InMemoryDigestCredentialSource Add(string user, string realm, string password)
    {
        _users[(user, realm)] = new DigestCredentials(user, realm,
            DigestAlgorithm.Md5.Hash($"{user}:{realm}:{password}"), DigestAlgorithm.Sha256.Hash($"{user}:{realm}:{password}"));
        return this;
    }

    /// <inheritdoc/>
    public ValueTask<DigestCredentials?> FindAsync(string user, string realm, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_users.TryGetValue((user, realm), out var found) ? found : null);
}
