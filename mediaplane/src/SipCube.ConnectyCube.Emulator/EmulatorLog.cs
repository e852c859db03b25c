using Microsoft.Extensions.Logging;

namespace SipCube.ConnectyCube.Emulator;

/// <summary>Source-generated log messages of the emulator.</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "ConnectyCube emulator listening on {Url} (chat {ChatUrl})")]
    public static partial void Listening(ILogger logger, Uri url, Uri chatUrl);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "chat {ChatName}: bad stanza: {Reason}")]
    public static partial void BadStanza(ILogger logger, string chatName, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "chat SASL failure: {Condition}")]
    public static partial void AuthFailed(ILogger logger, string condition);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "chat {From} -> {To}: delivered to {Count} connection(s)")]
    public static partial void Routed(ILogger logger, string from, string to, int count);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "chat {ChatName}: connection dropped: {Reason}")]
    public static partial void ChatDropped(ILogger logger, string chatName, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "chat {ChatName}: client does not read; disconnecting")]
    public static partial void SlowClient(ILogger logger, string chatName);

    [LoggerMessage(EventId = 7, Level = LogLevel.Trace, Message = "chat {ChatName} <- {Stanza}")]
    public static partial void ChatSent(ILogger logger, string chatName, string stanza);
}
