namespace SipCube.ConnectyCube.Rest;

/// <summary>A session token with its user (0 for an application session) and the expiry the client assumes.</summary>
/// <remarks>connectycube-protocol.md §1.4-§1.5.</remarks>
public sealed record ConnectyCubeSession(string Token, int UserId, int ApplicationId, DateTimeOffset ExpiresAt)
{
    /// <inheritdoc />
    public override string ToString() => $"ConnectyCubeSession {{ UserId = {UserId}, ApplicationId = {ApplicationId}, ExpiresAt = {ExpiresAt:O} }}";
}
