namespace SipCube.Contracts.Mappings;

/// <summary>
/// Cached read side of the mapping store, used by the media node on every REGISTER/INVITE and by token minting.
/// Implementations are safe for concurrent use and answer from memory after the first lookup of a key.
/// </summary>
/// <remarks>SIP URI comparison per RFC 3261 §19.1.4: the host is case-insensitive, the user part is case-sensitive.</remarks>
public interface IMappingLookup
{
    /// <summary>Finds the mapping for <c>sip:<paramref name="user"/>@<paramref name="domain"/></c>; null if none.</summary>
    ValueTask<MappingIdentity?> FindBySipUriAsync(string user, string domain, CancellationToken cancellationToken = default);

    /// <summary>Finds the mapping whose ConnectyCube user id is <paramref name="connectyCubeUserId"/>; null if none.</summary>
    ValueTask<MappingIdentity?> FindByConnectyCubeUserIdAsync(long connectyCubeUserId, CancellationToken cancellationToken = default);

    /// <summary>Drops cached entries touched by <paramref name="change"/> (local writes and bus notifications).</summary>
    void Invalidate(MappingChanged change);
}
