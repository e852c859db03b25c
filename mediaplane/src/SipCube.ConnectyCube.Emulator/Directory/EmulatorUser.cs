namespace SipCube.ConnectyCube.Emulator.Directory;

/// <summary>A user of one emulated application.</summary>
/// <remarks>connectycube-protocol.md §1.4 (user object).</remarks>
internal sealed record EmulatorUser(int Id, int ApplicationId, string? Login, string? Email, string Password, string? FullName, DateTimeOffset CreatedAt)
{
    /// <summary>The JID local part the chat server routes by.</summary>
    public string ChatName => $"{Id}-{ApplicationId}";
}
