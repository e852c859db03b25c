namespace SipCube.Sip.Transport;

/// <summary>Lifetime rules for accepted TCP/TLS/WebSocket connections.</summary>
/// <remarks>
/// RFC 5626 §4.4.1: a UA keeps its flow alive with CRLF pings, which count as traffic here. RFC 3261 §18.3
/// leaves closing idle connections to the server; a connection that still carries a registration binding
/// is kept, because it is the only way to reach a phone behind NAT (RFC 5626 §3).
/// </remarks>
public sealed record SipConnectionOptions
{
    /// <summary>Close a connection after this long without traffic either way (zero or infinite disables).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Clock for idle accounting (system clock when null).</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>True when something (a registration binding) still routes over the flow, so it must stay open.</summary>
    public Func<SipFlow, bool>? FlowInUse { get; init; }

    /// <summary>The defaults: 15 minutes idle, system clock, no flow pinning.</summary>
    public static SipConnectionOptions Default { get; } = new();

    internal bool IdleTimeoutEnabled => IdleTimeout > TimeSpan.Zero && IdleTimeout != Timeout.InfiniteTimeSpan;
}
