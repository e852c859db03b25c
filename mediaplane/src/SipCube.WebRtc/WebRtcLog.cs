using System.Net;
using Microsoft.Extensions.Logging;

namespace SipCube.WebRtc;

/// <summary>Source-generated log messages of the WebRTC endpoint.</summary>
internal static partial class WebRtcLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "WebRTC endpoint bound to {EndPoint}")]
    public static partial void Bound(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "WebRTC state {State}")]
    public static partial void State(ILogger logger, WebRtcConnectionState state);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "ICE remote {EndPoint} (nominated {Nominated})")]
    public static partial void IceRemote(ILogger logger, IPEndPoint endPoint, bool nominated);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Starting DTLS as {Role}")]
    public static partial void DtlsStarting(ILogger logger, Dtls.DtlsRole role);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "DTLS failed: {Reason}")]
    public static partial void DtlsFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Receive error: {Reason}")]
    public static partial void ReceiveError(ILogger logger, string reason);
}
