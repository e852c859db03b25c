using Microsoft.Extensions.Logging;

namespace SipCube.Calls;

/// <summary>Source-generated log messages of the B2BUA (event ids 6000-6099).</summary>
internal static partial class CallsLog
{
    [LoggerMessage(6000, LogLevel.Information, "Call {CallId} started: {Direction}")]
    public static partial void Started(ILogger logger, string callId, string direction);

    [LoggerMessage(6001, LogLevel.Information, "Call {CallId} refused by routing: {Reason}")]
    public static partial void Refused(ILogger logger, string callId, TerminationReason reason);

    [LoggerMessage(6002, LogLevel.Information, "Call {CallId} answered")]
    public static partial void Answered(ILogger logger, string callId);

    [LoggerMessage(6003, LogLevel.Information, "Call {CallId} ended: {Result} {Reason}")]
    public static partial void Ended(ILogger logger, string callId, TerminationResult result, TerminationReason reason);

    [LoggerMessage(6004, LogLevel.Debug, "Call {CallId} ignored {Event} in phase {Phase}")]
    public static partial void Ignored(ILogger logger, string callId, string @event, State.CallPhase phase);

    [LoggerMessage(6005, LogLevel.Warning, "Call {CallId}: {Operation} failed")]
    public static partial void PortFailed(ILogger logger, Exception exception, string callId, string operation);

    [LoggerMessage(6006, LogLevel.Information, "Call {CallId}: phone re-offer {Outcome}")]
    public static partial void Reoffered(ILogger logger, string callId, string outcome);

    [LoggerMessage(6007, LogLevel.Information, "Call {CallId}: phone re-offer refused with 488 (session unchanged): {Detail}")]
    public static partial void ReofferRefused(ILogger logger, string callId, string detail);
}
