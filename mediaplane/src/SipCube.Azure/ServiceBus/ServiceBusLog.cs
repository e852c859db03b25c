using Microsoft.Extensions.Logging;

namespace SipCube.Azure.ServiceBus;

/// <summary>Source-generated log messages of the Service Bus adapter (event ids 7200-7299).</summary>
internal static partial class ServiceBusLog
{
    [LoggerMessage(7200, LogLevel.Warning, "Message {MessageId} on {Entity} dead-lettered: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string messageId, string entity, string reason);

    [LoggerMessage(7201, LogLevel.Warning, "Message {MessageId} on {Entity} failed and is abandoned for redelivery")]
    public static partial void Abandoned(ILogger logger, string messageId, string entity, Exception exception);

    [LoggerMessage(7202, LogLevel.Warning, "Service Bus processor error on {Entity} ({Source})")]
    public static partial void ProcessorError(ILogger logger, string entity, string source, Exception exception);

    [LoggerMessage(7203, LogLevel.Information, "CDR drain stopped: {Stored} stored, {Duplicates} duplicates, {DeadLettered} dead-lettered, {Abandoned} abandoned")]
    public static partial void DrainFinished(ILogger logger, int stored, int duplicates, int deadLettered, int abandoned);

    [LoggerMessage(7204, LogLevel.Information, "Listening for control messages on {Topic}/{Subscription}")]
    public static partial void ControlListening(ILogger logger, string topic, string subscription);

    [LoggerMessage(7205, LogLevel.Warning, "Control subscription {Topic}/{Subscription} unreachable; probing until it is back")]
    public static partial void ControlOutage(ILogger logger, string topic, string subscription);

    [LoggerMessage(7206, LogLevel.Information, "Control subscription {Topic}/{Subscription} is back after an outage")]
    public static partial void ControlRestored(ILogger logger, string topic, string subscription);

    [LoggerMessage(7207, LogLevel.Error, "Control outage handler failed")]
    public static partial void OutageHandlerFailed(ILogger logger, Exception exception);
}
