using Microsoft.Extensions.Logging;

namespace SipCube.MediaNode.Observability;

/// <summary>Source-generated drain log messages (event ids 7400-7499).</summary>
internal static partial class DrainLog
{
    [LoggerMessage(7400, LogLevel.Information, "Draining: no new calls; waiting up to {Deadline} for {Calls} live calls")]
    public static partial void Started(ILogger logger, TimeSpan deadline, int calls);

    [LoggerMessage(7401, LogLevel.Warning, "Drain deadline reached with {Calls} calls still live")]
    public static partial void CallsLeft(ILogger logger, int calls);

    [LoggerMessage(7402, LogLevel.Information, "Drain finished: outbox flushed={Flushed}")]
    public static partial void Finished(ILogger logger, bool flushed);

    [LoggerMessage(7403, LogLevel.Information, "Drain requested over the control topic")]
    public static partial void Requested(ILogger logger);
}
