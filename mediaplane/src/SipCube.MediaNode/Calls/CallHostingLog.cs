using SipCube.Contracts.Cdrs;

namespace SipCube.MediaNode.Calls;

/// <summary>Log messages of the call composition (source-generated).</summary>
internal static partial class CallHostingLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Call {CallId} answered ({Direction})")]
    public static partial void Answered(ILogger logger, string callId, CallDirection direction);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Call {CallId} ended: {Cause} (SIP {SipStatus})")]
    public static partial void Ended(ILogger logger, string callId, string cause, int? sipStatus);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "CDR of call {CallId} could not be stored in the outbox")]
    public static partial void CdrNotStored(ILogger logger, string callId, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "ConnectyCube identity of {Aor} could not be logged in after its registration")]
    public static partial void IdentityLoginFailed(ILogger logger, string aor, Exception exception);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "ConnectyCube identity of {Aor} could not be logged out after its last binding went")]
    public static partial void IdentityReleaseFailed(ILogger logger, string aor, Exception exception);
}
