namespace SipCube.WebRtc;

/// <summary>An RTP payload format we offer or accept.</summary>
/// <remarks>RFC 8866 §6.6 (rtpmap), RFC 7874 §3 (Opus and G.711 are mandatory for WebRTC audio)</remarks>
public sealed record WebRtcCodec(int PayloadType, string Name, int ClockRate, int? Channels = null, string? Fmtp = null)
{
    /// <summary>Opus, PT 111, 48 kHz stereo signalling, in-band FEC.</summary>
    public static WebRtcCodec Opus { get; } = new(111, "opus", 48000, 2, "minptime=10;useinbandfec=1");

    /// <summary>G.711 µ-law, static PT 0.</summary>
    public static WebRtcCodec Pcmu { get; } = new(0, "PCMU", 8000);

    /// <summary>G.711 A-law, static PT 8.</summary>
    public static WebRtcCodec Pcma { get; } = new(8, "PCMA", 8000);

    /// <summary>RFC 4733 events at 8 kHz.</summary>
    public static WebRtcCodec TelephoneEvent { get; } = new(126, "telephone-event", 8000, null, "0-15");

    /// <summary>VP8 video, PT 96.</summary>
    public static WebRtcCodec Vp8 { get; } = new(96, "VP8", 90000);

    /// <summary>True when <paramref name="encoding"/>/<paramref name="clockRate"/> names the same format.</summary>
    public bool Matches(string encoding, int clockRate) =>
        string.Equals(Name, encoding, StringComparison.OrdinalIgnoreCase) && ClockRate == clockRate;
}
