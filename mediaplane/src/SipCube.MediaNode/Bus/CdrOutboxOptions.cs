namespace SipCube.MediaNode.Bus;

/// <summary>Settings of the durable CDR outbox (section <c>SipCube:Outbox</c>).</summary>
internal sealed class CdrOutboxOptions
{
    /// <summary>SQLite file; default <c>outbox.db</c> in the node's data folder.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>Wait after the first failed send; doubles per failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between sends while the bus is down.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many pending CDRs one pass reads from the database.</summary>
    public int BatchSize { get; set; } = 32;
}
