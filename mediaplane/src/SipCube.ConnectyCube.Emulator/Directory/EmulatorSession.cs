namespace SipCube.ConnectyCube.Emulator.Directory;

/// <summary>A REST session; <see cref="LastUsed"/> slides the expiry.</summary>
/// <remarks>connectycube-protocol.md §1.4-1.5.</remarks>
internal sealed class EmulatorSession
{
    public required int Id { get; init; }

    public required string Token { get; init; }

    public required int ApplicationId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public int UserId { get; set; }

    public DateTimeOffset LastUsed { get; set; }
}
