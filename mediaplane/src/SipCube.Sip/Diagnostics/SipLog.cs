using System.Net;
using Microsoft.Extensions.Logging;

namespace SipCube.Sip.Diagnostics;

/// <summary>Source-generated log messages of the SIP stack (stable event ids 3000-3099).</summary>
/// <remarks>Peer errors log at Debug (STYLE.md §7); raw traffic only at Trace, Authorization redacted.</remarks>
internal static partial class SipLog
{
    [LoggerMessage(3000, LogLevel.Information, "SIP {Transport} listening on {EndPoint}")]
    public static partial void TransportStarted(ILogger logger, string transport, IPEndPoint endPoint);

    [LoggerMessage(3001, LogLevel.Debug, "send on {Flow} failed: {Reason}")]
    public static partial void SendFailed(ILogger logger, string flow, string reason);

    [LoggerMessage(3002, LogLevel.Error, "handler failed for a message from {Flow}")]
    public static partial void HandlerFailed(ILogger logger, string flow, Exception exception);

    [LoggerMessage(3003, LogLevel.Debug, "bad message from {Flow}: {Reason} at {Offset}")]
    public static partial void BadMessage(ILogger logger, string flow, string reason, int offset);

    [LoggerMessage(3004, LogLevel.Trace, "recv {Flow}\n{Message}")]
    public static partial void Received(ILogger logger, string flow, string message);

    [LoggerMessage(3005, LogLevel.Trace, "send {Flow}\n{Message}")]
    public static partial void Sent(ILogger logger, string flow, string message);

    [LoggerMessage(3010, LogLevel.Information, "{Aor} registered {Contact} via {Flow} for {Expires} s")]
    public static partial void Registered(ILogger logger, string aor, string contact, string flow, int expires);

    [LoggerMessage(3011, LogLevel.Information, "{Aor} removed {Contact}: {Reason}")]
    public static partial void BindingRemoved(ILogger logger, string aor, string contact, string reason);

    [LoggerMessage(3012, LogLevel.Debug, "REGISTER for {Aor} from {Flow} not authorised: {Reason}")]
    public static partial void AuthFailed(ILogger logger, string aor, string flow, string reason);

    [LoggerMessage(3013, LogLevel.Warning, "credential lookup for {User}@{Realm} failed")]
    public static partial void CredentialLookupFailed(ILogger logger, string user, string realm, Exception exception);

    [LoggerMessage(3014, LogLevel.Debug, "closing {Flow}: idle for {IdleSeconds} s and no binding uses it")]
    public static partial void IdleConnectionClosed(ILogger logger, string flow, long idleSeconds);

    // A refresh comes every few minutes from every phone: at Information it would flood the log (and cost the
    // console logger more CPU than the REGISTER itself, as the load run showed).
    [LoggerMessage(3015, LogLevel.Debug, "{Aor} refreshed {Contact} via {Flow} for {Expires} s")]
    public static partial void Refreshed(ILogger logger, string aor, string contact, string flow, int expires);
}
