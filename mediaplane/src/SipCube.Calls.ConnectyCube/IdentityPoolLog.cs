using Microsoft.Extensions.Logging;
using SipCube.ConnectyCube.Rest;

namespace SipCube.Calls.ConnectyCube;

/// <summary>Source-generated logs of <see cref="ConnectyCubeIdentityPool"/>: SIP URIs and user ids only, never
/// logins, passwords or tokens.</summary>
internal static partial class IdentityPoolLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "ConnectyCube identity of {SipUri} logged in as user {UserId}")]
    public static partial void LoggedIn(ILogger logger, string sipUri, int userId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "ConnectyCube identity of {SipUri} (user {UserId}) logged out")]
    public static partial void LoggedOut(ILogger logger, string sipUri, int userId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "mapping {SipUri} has no ConnectyCube credentials; its identity cannot log in")]
    public static partial void NoCredentials(ILogger logger, string sipUri);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "ConnectyCube login of {SipUri} refused ({Kind}); not retried")]
    public static partial void LoginRefused(ILogger logger, string sipUri, ConnectyCubeErrorKind kind);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "ConnectyCube login of {SipUri} failed on attempt {Attempt}: {Error}")]
    public static partial void LoginFailed(ILogger logger, string sipUri, int attempt, string error);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "ConnectyCube login of {SipUri} given up after {Attempts} attempts")]
    public static partial void LoginGivenUp(ILogger logger, string sipUri, int attempts);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "chat of {SipUri} not online within {Timeout}; it keeps reconnecting")]
    public static partial void NotOnline(ILogger logger, string sipUri, TimeSpan timeout);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "chat connection of {SipUri} (user {UserId}) lost")]
    public static partial void ChatLost(ILogger logger, string sipUri, int userId);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "closing the ConnectyCube identity of {SipUri} failed: {Error}")]
    public static partial void LogoutFailed(ILogger logger, string sipUri, string error);
}
