namespace SipCube.Testing.Browser;

/// <summary>Audio RTP totals of the demo page's current call, summed over its peer connections' getStats().</summary>
/// <param name="PacketsReceived">inbound-rtp packetsReceived.</param>
/// <param name="BytesReceived">inbound-rtp bytesReceived.</param>
/// <param name="PacketsSent">outbound-rtp packetsSent.</param>
/// <param name="BytesSent">outbound-rtp bytesSent.</param>
/// <param name="Codec">Negotiated codec MIME type (e.g. audio/opus, audio/PCMU), when known.</param>
/// <param name="IceState">ICE connection state of the (last) peer connection.</param>
public sealed record AppUserStats(long PacketsReceived, long BytesReceived, long PacketsSent, long BytesSent, string? Codec, string? IceState);
