namespace SipCube.Calls.ConnectyCube;

/// <summary>Login retry and wait bounds of <see cref="ConnectyCubeIdentityPool"/> (configuration section
/// <c>SipCube:ConnectyCube:Identities</c> if the host binds it).</summary>
public sealed class ConnectyCubeIdentityPoolOptions
{
    /// <summary>How many times a REST session for an identity is tried before the login is given up.</summary>
    public int LoginAttempts { get; set; } = 3;

    /// <summary>Delay before the second attempt; doubled for every further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a login waits for the chat session to be bound before it reports failure (the chat client
    /// keeps reconnecting in the background either way).</summary>
    public TimeSpan OnlineTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an outbound call waits for the server's answer on whether the callee is online.</summary>
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
