using Microsoft.Extensions.Logging;

namespace SipCube.ConnectyCube.Signaling;

/// <summary>Source-generated log messages of the call signalling layer.</summary>
internal static partial class SignalingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "ignored call signal: {Error}")]
    public static partial void Ignored(ILogger logger, CallSignalError error);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "duplicate {Type} for session {SessionId} from {Sender} suppressed")]
    public static partial void Duplicate(ILogger logger, CallSignalType type, string sessionId, int sender);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "call {SessionId} to {Callee} not answered; giving up")]
    public static partial void NotAnswered(ILogger logger, string sessionId, int callee);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "could not send {Type} for session {SessionId} to {Callee}: offline")]
    public static partial void SendFailed(ILogger logger, CallSignalType type, string sessionId, int callee);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "empty sdpMLineIndex in session {SessionId} read as 0")]
    public static partial void EmptyMLineIndex(ILogger logger, string sessionId);
}
