namespace SipCube.ConnectyCube.Signaling;

/// <summary>One trickled candidate. An empty <c>sdpMLineIndex</c> on the wire means 0 (the SDK writes 0 as empty).</summary>
/// <remarks>connectycube-protocol.md §3.4, §3.6.</remarks>
public sealed record IceCandidate(int SdpMLineIndex, string? SdpMid, string Candidate);
