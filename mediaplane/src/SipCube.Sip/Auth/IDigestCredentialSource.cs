namespace SipCube.Sip.Auth;

/// <summary>Looks up the digest credentials of a user in a realm (the host wires this to its mapping store).</summary>
/// <remarks>RFC 3261 §22.4; RFC 8760.</remarks>
public interface IDigestCredentialSource
{
    /// <summary>The credentials, or null when the user does not exist in the realm.</summary>
    ValueTask<DigestCredentials?> FindAsync(string user, string realm, CancellationToken cancellationToken);
}
