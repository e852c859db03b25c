using Microsoft.Extensions.Logging;

namespace SipCube.MediaNode.Bus;

/// <summary>Source-generated log messages of the node's bus side (event ids 7100-7199).</summary>
internal static partial class BusLog
{
    [LoggerMessage(7100, LogLevel.Warning, "CDR {MessageId} dropped as malformed: {Reason}")]
    public static partial void CdrDeadLettered(ILogger logger, string messageId, string reason);

    [LoggerMessage(7101, LogLevel.Error, "Control message {MessageId} failed in handler {Handler}")]
    public static partial void ControlHandlerFailed(ILogger logger, string messageId, string handler, Exception exception);

    [LoggerMessage(7102, LogLevel.Warning, "CDR outbox send failed for {MessageId} (attempt {Attempt}); retrying in {Delay}")]
    public static partial void OutboxSendFailed(ILogger logger, string messageId, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(7103, LogLevel.Information, "CDR outbox opened at {Path} with {Depth} pending CDRs")]
    public static partial void OutboxOpened(ILogger logger, string path, long depth);

    [LoggerMessage(7104, LogLevel.Warning, "CDR outbox flush stopped with {Depth} CDRs pending; they are sent after restart")]
    public static partial void OutboxFlushIncomplete(ILogger logger, long depth);

    [LoggerMessage(7105, LogLevel.Information, "Mapping cache invalidated for {SipUri} ({Kind})")]
    public static partial void MappingInvalidated(ILogger logger, string sipUri, string kind);
}
