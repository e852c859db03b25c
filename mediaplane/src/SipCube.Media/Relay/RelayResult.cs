namespace SipCube.Media.Relay;

/// <summary>What the relay did with one packet. Only <see cref="Forwarded"/> means "send the rewritten bytes".</summary>
public enum RelayResult
{
    /// <summary>Rewritten in place; send it to the other leg.</summary>
    Forwarded = 0,

    /// <summary>Not a well-formed RTP/RTCP packet.</summary>
    Malformed,

    /// <summary>A payload type the other leg did not negotiate.</summary>
    UnknownPayloadType,

    /// <summary>From an address the SIP leg is not latched to (RTP bleed guard).</summary>
    UnexpectedSource,

    /// <summary>A straggler from a source the stream has already switched away from.</summary>
    StaleSource,

    /// <summary>Nothing to forward (e.g. an RTCP compound with nothing about the relayed streams).</summary>
    Consumed,
}
