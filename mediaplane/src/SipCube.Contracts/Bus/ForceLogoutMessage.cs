namespace SipCube.Contracts.Bus;

/// <summary>The node holding this ConnectyCube identity's chat session closes it (credentials changed, or the phone moved).</summary>
/// <param name="ConnectyCubeUserId">The identity to log out.</param>
/// <param name="Reason">Why, for the log.</param>
public sealed record ForceLogoutMessage(long ConnectyCubeUserId, string? Reason) : ControlMessage
{
    /// <summary>JSON discriminator and bus subject.</summary>
    public const string TypeName = "forceLogout";
}
