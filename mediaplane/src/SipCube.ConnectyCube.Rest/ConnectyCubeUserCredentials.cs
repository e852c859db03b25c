namespace SipCube.ConnectyCube.Rest;

/// <summary>Login (or email) and password of a ConnectyCube user.</summary>
/// <remarks>connectycube-protocol.md §1.2 (<c>user</c> block).</remarks>
public sealed record ConnectyCubeUserCredentials(string? Login, string? Email, string Password)
{
    /// <summary>Credentials by login.</summary>
    public static ConnectyCubeUserCredentials ForLogin(string login, string password) => new(login, null, password);

    /// <inheritdoc />
    public override string ToString() => $"ConnectyCubeUserCredentials {{ Login = {Login}, Email = {Email} }}";
}
