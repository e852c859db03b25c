namespace SipCube.MediaNode.Observability;

/// <summary>Drain settings (section <c>SipCube:Drain</c>).</summary>
internal sealed class DrainOptions
{
    /// <summary>Longest wait for live calls to end after SIGTERM; calls still up then are cut by shutdown.</summary>
    public TimeSpan CallDeadline { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Longest wait for the CDR outbox to empty after the calls.</summary>
    public TimeSpan OutboxFlushDeadline { get; set; } = TimeSpan.FromSeconds(5);
}
