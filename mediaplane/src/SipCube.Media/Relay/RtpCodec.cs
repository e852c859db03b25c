namespace SipCube.Media.Relay;

/// <summary>One negotiated RTP payload format of one leg, as in its SDP <c>a=rtpmap</c>.</summary>
/// <remarks>RFC 8866 §6.6 (rtpmap); static payload types per RFC 3551 §6 (PCMU 0, PCMA 8, G722 9 with an 8000 Hz
/// RTP clock).</remarks>
/// <param name="PayloadType">The leg's payload type number (0-127).</param>
/// <param name="Name">Encoding name, compared case-insensitively (<c>PCMU</c>, <c>opus</c>, <c>telephone-event</c>).</param>
/// <param name="ClockRate">RTP clock rate in Hz.</param>
public readonly record struct RtpCodec(byte PayloadType, string Name, int ClockRate)
{
    /// <summary>PCMU, static type 0.</summary>
    public static RtpCodec Pcmu => new(0, "PCMU", 8000);

    /// <summary>PCMA, static type 8.</summary>
    public static RtpCodec Pcma => new(8, "PCMA", 8000);

    /// <summary>G.722, static type 9, RTP clock 8000 Hz despite 16 kHz sampling (RFC 3551 §4.5.2).</summary>
    public static RtpCodec G722 => new(9, "G722", 8000);

    /// <summary>Whether this is the RFC 4733 telephone-event format.</summary>
    public bool IsTelephoneEvent => string.Equals(Name, "telephone-event", StringComparison.OrdinalIgnoreCase);

    /// <summary>Same format on both legs: name and clock rate equal (numbers may differ).</summary>
    public bool SameFormat(RtpCodec other) =>
        ClockRate == other.ClockRate && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);
}
