namespace SipCube.ConnectyCube.Rest;

/// <summary>The user fields the bridge uses.</summary>
/// <remarks>connectycube-protocol.md §1.4 (<c>session.user</c>).</remarks>
public sealed record ConnectyCubeUser(int Id, string? Login, string? Email, string? FullName);
