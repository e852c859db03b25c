namespace SipCube.Contracts.Mappings;

/// <summary>
/// Login and password of a ConnectyCube identity the bridge logs in as. Decrypted only inside the media node;
/// never returned by the HTTP API. <see cref="ToString"/> hides the password so logs cannot leak it.
/// </summary>
public sealed class ConnectyCubeCredentials(string login, string password)
{
    /// <summary>ConnectyCube login.</summary>
    public string Login { get; } = login;

    /// <summary>ConnectyCube password (plain text, in memory only).</summary>
    public string Password { get; } = password;

    /// <inheritdoc/>
    public override string ToString() => $"ConnectyCubeCredentials {{ Login = {Login}, Password = *** }}";
}
