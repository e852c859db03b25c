namespace SipCube.Sip.Transactions;

/// <summary>The base timer values; every transaction timer derives from them.</summary>
/// <remarks>RFC 3261 §17.1.1.1 and Table 4 (T1 RTT estimate, T2 max retransmit interval, T4 max network lifetime).</remarks>
public sealed record SipTimerSettings
{
    /// <summary>RFC defaults: T1 500 ms, T2 4 s, T4 5 s.</summary>
    public static SipTimerSettings Default { get; } = new();

    /// <summary>T1.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>T2.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>T4.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>64*T1: Timers B, F, H, J, L, M.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>Timer D (32 s, unreliable transports only).</summary>
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);
}
