namespace SipCube.Contracts.Cdrs;

/// <summary>Media quality of one leg (SIP or WebRTC) of a call, as measured by the media node.</summary>
/// <remarks>Jitter per RFC 3550 §6.4.1 (interarrival jitter), RTT from RTCP SR/RR (RFC 3550 §6.4.1 LSR/DLSR),
/// MOS from the ITU-T G.107 E-model.</remarks>
public sealed record CallLegRecord
{
    /// <summary>Audio codec name as in SDP (e.g. <c>PCMU</c>, <c>opus</c>).</summary>
    public string? AudioCodec { get; init; }

    /// <summary>Video codec name as in SDP (e.g. <c>VP8</c>), when the leg carried video.</summary>
    public string? VideoCodec { get; init; }

    /// <summary>RTP packets sent to the peer.</summary>
    public long PacketsSent { get; init; }

    /// <summary>RTP packets received from the peer.</summary>
    public long PacketsReceived { get; init; }

    /// <summary>RTP packets the peer sent that never arrived (RFC 3550 cumulative lost).</summary>
    public long PacketsLost { get; init; }

    /// <summary>Interarrival jitter in milliseconds.</summary>
    public double? JitterMs { get; init; }

    /// <summary>Round-trip time in milliseconds.</summary>
    public double? RttMs { get; init; }

    /// <summary>Estimated mean opinion score (1.0-5.0).</summary>
    public double? Mos { get; init; }
}
