namespace SipCube.ControlPlane.Tokens;

/// <summary>A minted ConnectyCube session for the identity a mapping logs in as.</summary>
/// <remarks>connectycube-protocol.md §1.2 (session), §1.5 (sliding two-hour expiry).</remarks>
/// <param name="Token">The session token (<c>CB-Token</c>).</param>
/// <param name="UserId">The ConnectyCube user the token belongs to.</param>
/// <param name="ExpiresAt">When the token expires if unused, RFC 3339 in UTC.</param>
internal sealed record TokenResponse(string Token, long UserId, string ExpiresAt);
