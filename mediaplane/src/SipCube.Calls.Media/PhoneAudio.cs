using System.Net;
using SipCube.Sdp;

namespace SipCube.Calls.Media;

/// <summary>The audio m-line of a phone's offer or answer, as the bridge uses it.</summary>
/// <param name="Index">Position of the m-line (an answer keeps every offered m-line, RFC 3264 §6).</param>
/// <param name="Codecs">Its formats in preference order.</param>
/// <param name="Rtp">Where the phone receives RTP; null when the SDP gives no usable address (0.0.0.0, a name).</param>
/// <param name="Rtcp">Where the phone receives RTCP without rtcp-mux (RFC 3605 a=rtcp, else RTP port + 1).</param>
/// <param name="RtcpMux">Whether the phone multiplexes RTCP on the RTP port (RFC 5761 §5.1.1).</param>
/// <param name="Ptime">The a=ptime value, if any.</param>
/// <param name="Direction">The offered direction.</param>
internal sealed record PhoneAudio(
    int Index,
    IReadOnlyList<BridgeCodec> Codecs,
    IPEndPoint? Rtp,
    IPEndPoint? Rtcp,
    bool RtcpMux,
    int? Ptime,
    SdpDirection Direction);
