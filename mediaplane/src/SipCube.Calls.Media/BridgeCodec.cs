using System.Globalization;
using SipCube.Media.Relay;
using SipCube.Sdp;
using SipCube.WebRtc;

namespace SipCube.Calls.Media;

/// <summary>
/// One RTP payload format as one leg's SDP names it (that leg's payload type number, canonical encoding name, RTP
/// clock, channels, fmtp). The bridge passes media through, so the only formats that can cross are the ones both a
/// phone and a browser carry: PCMU, PCMA, G722, opus, and telephone-event at the clock of the chosen one.
/// </summary>
/// <remarks>RFC 8866 §6.6 (rtpmap), RFC 3551 §6 (static payload types 0, 8, 9 without rtpmap), RFC 7874 §3 (WebRTC
/// audio), RFC 7587 §7 (opus/48000/2), RFC 4733 §7.1.1 (telephone-event uses the audio codec's clock).</remarks>
internal sealed record BridgeCodec(int PayloadType, string Name, int ClockRate, int? Channels = null, string? Fmtp = null)
{
    private const string TelephoneEventName = "telephone-event";

    /// <summary>Whether this is the RFC 4733 telephone-event format.</summary>
    public bool IsTelephoneEvent => Name == TelephoneEventName;

    /// <summary>Whether a browser and a phone can both carry this audio format unchanged.</summary>
    public bool IsPassthroughAudio => (Name, ClockRate) is ("PCMU", 8000) or ("PCMA", 8000) or ("G722", 8000) or ("opus", 48000);

    /// <summary>Whether the bridge can decode and encode this audio format on this machine (G.711, G.722, and Opus
    /// and G.729 when their native libraries load).</summary>
    public bool IsTranscodable => !IsTelephoneEvent && SipCube.Media.Transcoding.TranscodingRelay.CanTranscode(Name, ClockRate);

    /// <summary>Whether this is opus/48000.</summary>
    public bool IsOpus => (Name, ClockRate) is ("opus", 48000);

    /// <summary>Same format (name and clock), whatever the payload type numbers.</summary>
    public bool SameFormat(BridgeCodec other) => other.Name == Name && other.ClockRate == ClockRate;

    /// <summary>The formats of an m-line in its preference order; static types without rtpmap are resolved, and so
    /// are types an answer lists without rtpmap but that <paramref name="known"/> (our offer) defined.</summary>
    public static List<BridgeCodec> FromSection(MediaDescription section, IReadOnlyList<BridgeCodec>? known = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        var maps = section.RtpMaps.ToList();
        var result = new List<BridgeCodec>();
        foreach (var format in section.Formats)
        {
            if (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127)
            {
                continue;
            }

            var map = maps.Find(m => m.PayloadType == pt) ?? Static(pt);
            if (map is not null)
            {
                result.Add(new BridgeCodec(pt, Canonical(map.Encoding), map.ClockRate, map.Channels, section.GetFmtp(pt)));
            }
            else if (known?.FirstOrDefault(k => k.PayloadType == pt) is { } offered)
            {
                result.Add(offered with { Fmtp = section.GetFmtp(pt) ?? offered.Fmtp });
            }
        }

        return result;
    }

    /// <summary>The passthrough audio formats of <paramref name="offered"/> plus the telephone-events whose clock
    /// matches one of them, in the offered order.</summary>
    public static List<BridgeCodec> Carried(IReadOnlyList<BridgeCodec> offered)
    {
        ArgumentNullException.ThrowIfNull(offered);
        var audio = offered.Where(c => c.IsPassthroughAudio).ToList();
        var events = offered.Where(c => c.IsTelephoneEvent && audio.Exists(a => a.ClockRate == c.ClockRate));
        return [.. audio, .. events];
    }

    /// <summary>The rtpmap line value.</summary>
    public SdpRtpMap ToRtpMap() => new(PayloadType, Name, ClockRate, Channels);

    /// <summary>The relay's view (payload type, name, clock).</summary>
    public RtpCodec ToRtpCodec() => new((byte)PayloadType, Name, ClockRate);

    /// <summary>The WebRTC endpoint's view; opus gets WebRTC's usual fmtp when the phone sent none.</summary>
    public WebRtcCodec ToWebRtcCodec() => new(PayloadType, Name, ClockRate, Channels, Fmtp ?? DefaultFmtp());

    /// <summary>From a format the WebRTC endpoint negotiated.</summary>
    public static BridgeCodec From(WebRtcCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return new(codec.PayloadType, Canonical(codec.Name), codec.ClockRate, codec.Channels, codec.Fmtp);
    }

    /// <summary>The first payload type of <paramref name="preferred"/> (then 96-127) that no codec in
    /// <paramref name="used"/> has.</summary>
    public static int FreePayloadType(IEnumerable<BridgeCodec> used, int preferred)
    {
        var taken = used.Select(c => c.PayloadType).ToHashSet();
        if (!taken.Contains(preferred))
        {
            return preferred;
        }

        return Enumerable.Range(96, 32).First(pt => !taken.Contains(pt));
    }

    private string? DefaultFmtp() => Name switch
    {
        "G729" => "annexb=no",
        "opus" => WebRtcCodec.Opus.Fmtp,
        TelephoneEventName => "0-15",
        _ => null,
    };

    private static SdpRtpMap? Static(int payloadType) => payloadType switch
    {
        0 => new SdpRtpMap(0, "PCMU", 8000),
        8 => new SdpRtpMap(8, "PCMA", 8000),
        9 => new SdpRtpMap(9, "G722", 8000),
        18 => new SdpRtpMap(18, "G729", 8000),
        _ => null,
    };

    private static string Canonical(string encoding) => encoding.ToUpperInvariant() switch
    {
        "PCMU" => "PCMU",
        "PCMA" => "PCMA",
        "G722" => "G722",
        "G729" => "G729",
        "OPUS" => "opus",
        "TELEPHONE-EVENT" => TelephoneEventName,
        _ => encoding,
    };
}
