namespace SipCube.WebRtc;

/// <summary>One negotiated m-line on our side: kind, mid, our SSRC and the agreed formats.</summary>
public sealed record LocalMedia(string Kind, string Mid, uint Ssrc, IReadOnlyList<WebRtcCodec> Codecs);
