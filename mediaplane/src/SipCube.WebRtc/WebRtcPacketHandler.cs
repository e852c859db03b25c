namespace SipCube.WebRtc;

/// <summary>Receives one decrypted RTP or RTCP packet; the span is only valid during the call.</summary>
public delegate void WebRtcPacketHandler(ReadOnlySpan<byte> packet);
