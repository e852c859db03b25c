using Microsoft.Extensions.Logging;
using SipCube.ConnectyCube.Rest;

namespace SipCube.ControlPlane.Tokens;

/// <summary>Log messages of token minting; tokens and passwords are never arguments.</summary>
internal static partial class TokensLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Minted a ConnectyCube token for {SipUri} (user {UserId})")]
    public static partial void Minted(ILogger logger, string sipUri, long userId);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "ConnectyCube refused the stored credentials of {SipUri}: {Kind} (HTTP {Status})")]
    public static partial void Refused(ILogger logger, string sipUri, ConnectyCubeErrorKind kind, int status);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "ConnectyCube is unavailable while minting a token for {SipUri}: {Kind} (HTTP {Status})")]
    public static partial void Unavailable(ILogger logger, string sipUri, ConnectyCubeErrorKind kind, int status);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Error, Message = "The stored ConnectyCube credentials of {SipUri} do not open with the configured credential key")]
    public static partial void CannotOpen(ILogger logger, string sipUri);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Warning, Message = "Token requested but no ConnectyCube application is configured (SipCube:ConnectyCube:ApplicationId)")]
    public static partial void NotConfigured(ILogger logger);
}
