using Microsoft.Extensions.Logging;

namespace SipCube.Xmpp.Session;

/// <summary>Source-generated log messages of the XMPP client.</summary>
internal static partial class XmppLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "XMPP session online as {Jid}")]
    public static partial void Online(ILogger logger, string jid);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "XMPP session to {Uri} ended; reconnecting in {Delay}")]
    public static partial void Reconnecting(ILogger logger, Uri uri, TimeSpan delay, Exception? exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "XMPP bad stanza from server: {Reason}")]
    public static partial void BadStanza(ILogger logger, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Trace, Message = "XMPP recv {Stanza}")]
    public static partial void Received(ILogger logger, string stanza);

    [LoggerMessage(EventId = 5, Level = LogLevel.Trace, Message = "XMPP send {Stanza}")]
    public static partial void Sent(ILogger logger, string stanza);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "XMPP stanza handler threw")]
    public static partial void HandlerFailed(ILogger logger, Exception exception);
}
