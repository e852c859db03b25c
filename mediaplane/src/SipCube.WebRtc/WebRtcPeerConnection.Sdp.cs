using SipCube.Dtls;
using SipCube.Sdp;

namespace SipCube.WebRtc;

/// <summary>Offer/answer (RFC 3264, RFC 8829 §5) and the DTLS role it decides (RFC 8842 §5.3).</summary>
public sealed partial class WebRtcPeerConnection
{
    private const int VideoClockRate = 90000;

    /// <summary>Creates our offer: audio (and video when configured) bundled, setup:actpass, ICE-lite.</summary>
    public SessionDescription CreateOffer()
    {
        var list = new List<LocalMedia> { new("audio", "0", audioSsrc, options.AudioCodecs) };
        if (options.VideoCodecs.Count > 0)
        {
            list.Add(new LocalMedia("video", "1", videoSsrc, options.VideoCodecs));
        }

        lock (gate)
        {
            media = list;
            offered = true;
        }

        return sdpBuilder.Offer(list);
    }

    /// <summary>Answers the remote offer set before: first audio and first video m-line accepted when a format matches.</summary>
    public SessionDescription CreateAnswer() => CreateAnswer(options.AudioCodecs);

    /// <summary>Answers the remote offer set before, accepting only <paramref name="audioCodecs"/> for audio (a
    /// bridge limits the answer to the format the other leg chose; RFC 3264 §6.1).</summary>
    public SessionDescription CreateAnswer(IReadOnlyList<WebRtcCodec> audioCodecs)
    {
        ArgumentNullException.ThrowIfNull(audioCodecs);
        var offer = remoteOffer ?? throw new InvalidOperationException("set the remote offer first");
        var accepted = new List<LocalMedia?>();
        bool audioTaken = false, videoTaken = false;
        foreach (var m in offer.Media)
        {
            LocalMedia? local = null;
            if (m.Port != 0 && m.Protocol.Contains("SAVP", StringComparison.Ordinal) && m.Mid is { } mid)
            {
                if (m.Media == "audio" && !audioTaken)
                {
                    local = Accept(m, mid, audioSsrc, audioCodecs);
                    audioTaken = local is not null;
                }
                else if (m.Media == "video" && !videoTaken)
                {
                    local = Accept(m, mid, videoSsrc, options.VideoCodecs);
                    videoTaken = local is not null;
                }
            }

            accepted.Add(local);
        }

        lock (gate)
        {
            media = accepted.OfType<LocalMedia>().ToList();
        }

        // RFC 7675 §5.1: consent is watched from when both descriptions are known, so a call that rings for a
        // long time before the peer can even start ICE does not fail.
        ice.StartConsentTimer();
        return sdpBuilder.Answer(offer, accepted);
    }

    /// <summary>Applies the peer's offer or answer; false with a reason when it cannot be used.</summary>
    public bool TrySetRemoteDescription(SessionDescription description, out string? error)
    {
        ArgumentNullException.ThrowIfNull(description);
        var parameters = RemoteParameters.From(description, out error);
        if (parameters is null)
        {
            return false;
        }

        var role = offered ? RoleFromAnswer(parameters.Setup) : RoleFromOffer(parameters.Setup);
        if (role is null)
        {
            error = "a=setup:" + parameters.Setup.ToValue() + " is not valid here";
            return false;
        }

        lock (gate)
        {
            if (offered)
            {
                media = media.Select(m => Narrow(m, description)).OfType<LocalMedia>().ToList();
            }
            else
            {
                remoteOffer = description;
            }

            remote = parameters;
            dtlsRole = role;
        }

        ice.SetRemoteUfrag(parameters.Ufrag);
        if (offered)
        {
            ice.StartConsentTimer();
        }

        TryStartDtls();
        return true;
    }

    /// <summary>Our offered m-line as the answer accepted it: null when rejected, else only the formats the answer
    /// lists (RFC 3264 §6.1), so per-packet clock rates follow the format actually in use.</summary>
    private static LocalMedia? Narrow(LocalMedia ours, SessionDescription answer)
    {
        var section = answer.Media.Find(m => m.Port != 0 && m.Mid == ours.Mid);
        if (section is null)
        {
            return null;
        }

        var kept = new List<WebRtcCodec>();
        foreach (var format in section.Formats)
        {
            if (ours.Codecs.FirstOrDefault(c => c.PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture) == format) is { } codec)
            {
                kept.Add(codec);
            }
        }

        return kept.Count == 0 ? ours : ours with { Codecs = kept };
    }

    private static LocalMedia? Accept(MediaDescription offered, string mid, uint ssrc, IReadOnlyList<WebRtcCodec> ours)
    {
        var maps = offered.RtpMaps.ToList();
        foreach (var f in offered.Formats)
        {
            // Static payload types may be offered without rtpmap (RFC 3551 §6).
            if (f == "0" && maps.TrueForAll(r => r.PayloadType != 0))
            {
                maps.Add(new SdpRtpMap(0, "PCMU", 8000));
            }
            else if (f == "8" && maps.TrueForAll(r => r.PayloadType != 8))
            {
                maps.Add(new SdpRtpMap(8, "PCMA", 8000));
            }
        }

        var chosen = new List<WebRtcCodec>();
        foreach (var codec in ours)
        {
            var match = maps.Find(r => codec.Matches(r.Encoding, r.ClockRate));
            if (match is not null)
            {
                chosen.Add(codec with { PayloadType = match.PayloadType, Fmtp = offered.GetFmtp(match.PayloadType) ?? codec.Fmtp });
            }
        }

        if (chosen.Count == 0)
        {
            return null;
        }

        var events = maps.Find(r => r.Encoding.Equals("telephone-event", StringComparison.OrdinalIgnoreCase) && r.ClockRate == chosen[0].ClockRate);
        if (events is not null && offered.Media == "audio")
        {
            chosen.Add(new WebRtcCodec(events.PayloadType, "telephone-event", events.ClockRate, null,
                offered.GetFmtp(events.PayloadType) ?? "0-15"));
        }

        return new LocalMedia(offered.Media, mid, ssrc, chosen);
    }

    private static DtlsRole? RoleFromAnswer(SdpSetup theirs) => theirs switch
    {
        SdpSetup.Active => Dtls.DtlsRole.Server,
        SdpSetup.Passive => Dtls.DtlsRole.Client,
        _ => null,
    };

    private DtlsRole? RoleFromOffer(SdpSetup theirs) => theirs switch
    {
        SdpSetup.ActPass => options.AnswerSetup == SdpSetup.Passive ? Dtls.DtlsRole.Server : Dtls.DtlsRole.Client,
        SdpSetup.Active => options.AnswerSetup == SdpSetup.Active ? null : Dtls.DtlsRole.Server,
        SdpSetup.Passive => options.AnswerSetup == SdpSetup.Passive ? null : Dtls.DtlsRole.Client,
        _ => null,
    };

    private int ClockRateOf(uint ssrc)
    {
        // A loop, not LINQ: this runs per packet and must not allocate.
        var list = media;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Ssrc == ssrc && list[i].Codecs.Count > 0)
            {
                return list[i].Codecs[0].ClockRate;
            }
        }

        return VideoClockRate;
    }
}
