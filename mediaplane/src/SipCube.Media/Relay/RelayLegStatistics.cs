namespace SipCube.Media.Relay;

/// <summary>Counters of one relay leg (what the node received from that leg's peer and sent to it).</summary>
/// <param name="PacketsReceived">RTP packets received from the peer (RFC 3550 A.1 valid ones).</param>
/// <param name="PacketsLost">Cumulative lost from the peer.</param>
/// <param name="JitterMs">Interarrival jitter of the peer's stream, ms.</param>
/// <param name="RttMs">Round trip between the node and the peer, ms, once RTCP allowed measuring it.</param>
/// <param name="PacketsSent">RTP packets sent to the peer.</param>
/// <param name="LastReceived">Arrival timestamp (TimeProvider ticks) of the last packet; 0 if none.</param>
/// <param name="Mos">E-model MOS estimate from loss, jitter and RTT.</param>
/// <param name="DtmfDigits">Telephone events completed from the peer.</param>
public readonly record struct RelayLegStatistics(
    long PacketsReceived,
    long PacketsLost,
    double JitterMs,
    double? RttMs,
    long PacketsSent,
    long LastReceived,
    double Mos,
    long DtmfDigits);
