using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Calls.Ports;

namespace SipCube.Calls;

/// <summary>What every <see cref="CallSession"/> of a node shares: its ports, options, clock, logger and metrics.</summary>
public sealed class CallSessionServices
{
    /// <summary>Routing decisions.</summary>
    public required ICallRouter Router { get; init; }

    /// <summary>Creates legs and media bridges.</summary>
    public required ILegFactory Legs { get; init; }

    /// <summary>Receives answered/ended notifications and CDRs.</summary>
    public required ICallEvents Events { get; init; }

    /// <summary>Timers and identity.</summary>
    public CallOptions Options { get; init; } = new();

    /// <summary>The only source of time.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Logger for the <c>SipCube.Calls</c> category.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Call metrics, or null to record none.</summary>
    public CallsMetrics? Metrics { get; init; }
}
