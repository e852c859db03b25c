namespace SipCube.Calls.Ports;

/// <summary>Media counters of one leg, as the media bridge measured them.</summary>
/// <remarks>RFC 3550 §6.4.1 (cumulative lost, interarrival jitter, RTT from LSR/DLSR); MOS per ITU-T G.107.</remarks>
public sealed record LegMediaStats
{
    /// <summary>Negotiated audio codec name as in SDP (e.g. <c>PCMU</c>).</summary>
    public string? AudioCodec { get; init; }

    /// <summary>RTP packets sent to this leg's peer.</summary>
    public long PacketsSent { get; init; }

    /// <summary>RTP packets received from this leg's peer.</summary>
    public long PacketsReceived { get; init; }

    /// <summary>Packets the peer sent that never arrived.</summary>
    public long PacketsLost { get; init; }

    /// <summary>Interarrival jitter in milliseconds.</summary>
    public double? JitterMs { get; init; }

    /// <summary>Round-trip time in milliseconds.</summary>
    public double? RttMs { get; init; }

    /// <summary>E-model MOS estimate.</summary>
    public double? Mos { get; init; }

    /// <summary>When the last media (RTP or, for WebRTC, a consent check) arrived from this leg; null if none yet.</summary>
    public DateTimeOffset? LastReceivedUtc { get; init; }
}
