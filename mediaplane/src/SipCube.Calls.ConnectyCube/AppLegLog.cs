using Microsoft.Extensions.Logging;
using SipCube.ConnectyCube.Signaling;

namespace SipCube.Calls.ConnectyCube;

/// <summary>Source-generated logs of the app legs and their factory.</summary>
internal static partial class AppLegLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "call {CallId}: ConnectyCube call {SessionId} from user {CallerId} to phone identity {CalleeId}")]
    public static partial void Incoming(ILogger logger, string callId, string sessionId, int callerId, int calleeId);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "ConnectyCube call {SessionId} from user {SenderId} to phone identity {CalleeId} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string sessionId, int senderId, int calleeId, string reason);

    [LoggerMessage(EventId = 22, Level = LogLevel.Debug, Message = "{Type} for unknown ConnectyCube session {SessionId} at user {UserId} ignored")]
    public static partial void NoLeg(ILogger logger, CallSignalType type, string sessionId, int userId);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "call {CallId}: ConnectyCube call {SessionId} from phone identity {CallerId} to user {CalleeId}")]
    public static partial void Calling(ILogger logger, string callId, string sessionId, int callerId, int calleeId);

    [LoggerMessage(EventId = 24, Level = LogLevel.Debug, Message = "call {CallId}: user {CalleeId} presence {Presence}")]
    public static partial void Presence(ILogger logger, string callId, int calleeId, UserPresence presence);

    [LoggerMessage(EventId = 25, Level = LogLevel.Debug, Message = "call {CallId}: {Type} from user {SenderId} ignored")]
    public static partial void Ignored(ILogger logger, string callId, CallSignalType type, int senderId);

    [LoggerMessage(EventId = 26, Level = LogLevel.Warning, Message = "call {CallId}: app leg failed: {Detail}")]
    public static partial void Failed(ILogger logger, string callId, string detail);

    [LoggerMessage(EventId = 27, Level = LogLevel.Information, Message = "call {CallId}: ending ConnectyCube call {SessionId} with {Type}")]
    public static partial void Ending(ILogger logger, string callId, string sessionId, CallSignalType type);

    [LoggerMessage(EventId = 28, Level = LogLevel.Warning, Message = "sending a signal of ConnectyCube call {SessionId} failed: {Error}")]
    public static partial void SendFaulted(ILogger logger, string sessionId, string error);
}
