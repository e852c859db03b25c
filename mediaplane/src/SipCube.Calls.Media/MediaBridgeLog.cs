using System.Net;
using Microsoft.Extensions.Logging;
using SipCube.Calls.Ports;
using SipCube.WebRtc;

namespace SipCube.Calls.Media;

/// <summary>Source-generated log messages of the media bridge (event ids 6600-6649).</summary>
internal static partial class MediaBridgeLog
{
    [LoggerMessage(6600, LogLevel.Debug, "Call {CallId}: media bound, phone RTP {SipEndPoint}, WebRTC {WebRtcEndPoint}")]
    public static partial void Bound(ILogger logger, string callId, IPEndPoint sipEndPoint, IPEndPoint webRtcEndPoint);

    [LoggerMessage(6601, LogLevel.Information, "Call {CallId}: relaying {Codec} (phone PT {SipPayloadType}, app PT {AppPayloadType}, rtcp-mux {RtcpMux})")]
    public static partial void Relaying(ILogger logger, string callId, string codec, int sipPayloadType, int appPayloadType, bool rtcpMux);

    [LoggerMessage(6602, LogLevel.Information, "Call {CallId}: no media from the {Side} leg, reporting a media timeout")]
    public static partial void TimedOut(ILogger logger, string callId, MediaSide side);

    [LoggerMessage(6603, LogLevel.Debug, "Call {CallId}: WebRTC leg {State}")]
    public static partial void WebRtcState(ILogger logger, string callId, WebRtcConnectionState state);

    [LoggerMessage(6604, LogLevel.Debug, "Call {CallId}: phone socket error {Error}")]
    public static partial void ReceiveError(ILogger logger, string callId, string error);

    [LoggerMessage(6605, LogLevel.Information, "Call {CallId}: no shared codec ({Detail})")]
    public static partial void Incompatible(ILogger logger, string callId, string detail);

    [LoggerMessage(6606, LogLevel.Information, "Call {CallId}: transcoding phone {SipCodec} (PT {SipPayloadType}) <-> app {AppCodec} (PT {AppPayloadType})")]
    public static partial void Transcoding(ILogger logger, string callId, string sipCodec, int sipPayloadType, string appCodec, int appPayloadType);

    [LoggerMessage(6607, LogLevel.Information, "Call {CallId}: phone re-offer {Direction}, codec {Codec}, held {Held}")]
    public static partial void Reoffer(ILogger logger, string callId, SipCube.Sdp.SdpDirection direction, string codec, bool held);

    [LoggerMessage(6608, LogLevel.Debug, "Call {CallId}: out-of-band digit {Digit} not sent (no telephone-event toward the app, or not relaying)")]
    public static partial void DtmfIgnored(ILogger logger, string callId, char digit);
}
