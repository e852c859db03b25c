using Microsoft.Extensions.Logging;

namespace SipCube.ConnectyCube.Rest;

/// <summary>Source-generated log messages of the REST client.</summary>
internal static partial class RestLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "ConnectyCube {Method} {Path} failed (attempt {Attempt}): {Reason}; retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string method, string path, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "ConnectyCube session created for user {UserId}")]
    public static partial void SessionCreated(ILogger logger, int userId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "ConnectyCube token expired on the server; creating a new session")]
    public static partial void SessionExpired(ILogger logger);
}
