namespace SipCube.Codecs;

/// <summary>An audio codec as SDP names it: encoding name, RTP clock rate and channel count.</summary>
/// <remarks>RFC 8866 §6.6 (a=rtpmap), RFC 3551 Table 4, RFC 7587 §7 (opus/48000/2).</remarks>
/// <param name="EncodingName">The rtpmap encoding name, for example PCMU or opus.</param>
/// <param name="ClockRate">The RTP timestamp clock rate.</param>
/// <param name="Channels">The rtpmap channel count (2 for Opus by RFC 7587, 1 otherwise).</param>
/// <param name="StaticPayloadType">The RFC 3551 static payload type, or -1 when dynamic.</param>
public sealed record AudioCodecDescriptor(string EncodingName, int ClockRate, int Channels, int StaticPayloadType)
{
    /// <summary>G.711 µ-law.</summary>
    public static AudioCodecDescriptor Pcmu { get; } = new("PCMU", 8000, 1, 0);

    /// <summary>G.711 A-law.</summary>
    public static AudioCodecDescriptor Pcma { get; } = new("PCMA", 8000, 1, 8);

    /// <summary>G.722; the RTP clock is 8000 although audio is sampled at 16 kHz (RFC 3551 §4.5.2).</summary>
    public static AudioCodecDescriptor G722 { get; } = new("G722", 8000, 1, 9);

    /// <summary>G.729 (Annex A compatible).</summary>
    public static AudioCodecDescriptor G729 { get; } = new("G729", 8000, 1, 18);

    /// <summary>Opus; always signalled as opus/48000/2 (RFC 7587 §7).</summary>
    public static AudioCodecDescriptor Opus { get; } = new("opus", 48000, 2, -1);

    /// <summary>Whether an rtpmap entry names this codec (encoding names are case-insensitive).</summary>
    public bool Matches(string encodingName, int clockRate) =>
        string.Equals(EncodingName, encodingName, StringComparison.OrdinalIgnoreCase) && ClockRate == clockRate;

    /// <inheritdoc />
    public override string ToString() => $"{EncodingName}/{ClockRate}" + (Channels > 1 ? $"/{Channels}" : string.Empty);
}
