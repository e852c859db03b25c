using System.Globalization;
using SipCube.Sdp;
using SipCube.Stun.IceLite;

namespace SipCube.WebRtc;

/// <summary>Builds our offers and answers: ICE-lite, BUNDLE on one port, rtcp-mux, DTLS fingerprint and setup.</summary>
/// <remarks>RFC 8829 (JSEP) §5.2-§5.3, RFC 8843 (BUNDLE), RFC 8839 (ICE SDP), RFC 8842 (DTLS SDP), RFC 3264 §6</remarks>
internal sealed class WebRtcSdpBuilder(WebRtcOptions options, IceCredentials ice, IReadOnlyList<IceHostCandidate> candidates, string cname, string streamId)
{
    public SessionDescription Offer(IReadOnlyList<LocalMedia> media)
    {
        var sdp = Session(media.Select(m => m.Mid));
        foreach (var m in media)
        {
            sdp.Media.Add(Section(m, SdpSetup.ActPass, SdpDirection.SendRecv, rtcpRsize: true));
        }

        return sdp;
    }

    public SessionDescription Answer(SessionDescription offer, IReadOnlyList<LocalMedia?> accepted)
    {
        var sdp = Session(accepted.OfType<LocalMedia>().Select(m => m.Mid));
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var offered = offer.Media[i];
            if (accepted[i] is not { } m)
            {
                var rejected = new MediaDescription(offered.Media, 0, offered.Protocol, offered.Formats);
                if (offered.Mid is { } mid)
                {
                    rejected.Add("mid", mid);
                }

                sdp.Media.Add(rejected);
                continue;
            }

            var direction = SdpDirections.Answer(offered.Direction);
            sdp.Media.Add(Section(m, options.AnswerSetup, direction, offered.HasAttribute("rtcp-rsize")));
        }

        return sdp;
    }

    private SessionDescription Session(IEnumerable<string> bundle)
    {
        var sdp = new SessionDescription(SdpOrigin.Create());
        sdp.Add("group", "BUNDLE " + string.Join(' ', bundle));
        sdp.Add("ice-lite");
        sdp.Add("msid-semantic", " WMS " + streamId);
        return sdp;
    }

    private MediaDescription Section(LocalMedia m, SdpSetup setup, SdpDirection direction, bool rtcpRsize)
    {
        var first = candidates[0];
        var section = new MediaDescription(m.Kind, first.Port, "UDP/TLS/RTP/SAVPF",
            m.Codecs.Select(c => c.PayloadType.ToString(CultureInfo.InvariantCulture)))
        {
            Connection = SdpConnection.For(first.Address),
        };
        section.Add("rtcp", "9 IN IP4 0.0.0.0");
        section.Add("ice-ufrag", ice.Ufrag).Add("ice-pwd", ice.Password);
        section.Add("fingerprint", "sha-256 " + options.Certificate.Fingerprint);
        section.Add("setup", setup.ToValue());
        section.Add("mid", m.Mid);
        section.Add(direction.ToAttributeName());
        section.Add("msid", streamId + " " + streamId + "-" + m.Kind);
        section.Add("rtcp-mux");
        if (rtcpRsize)
        {
            section.Add("rtcp-rsize");
        }

        foreach (var codec in m.Codecs)
        {
            section.Add("rtpmap", new SdpRtpMap(codec.PayloadType, codec.Name, codec.ClockRate, codec.Channels).ToString());
            if (codec.Fmtp is not null)
            {
                section.Add("fmtp", codec.PayloadType.ToString(CultureInfo.InvariantCulture) + " " + codec.Fmtp);
            }

            if (m.Kind == "video")
            {
                var pt = codec.PayloadType.ToString(CultureInfo.InvariantCulture);
                section.Add("rtcp-fb", pt + " nack").Add("rtcp-fb", pt + " nack pli").Add("rtcp-fb", pt + " ccm fir");
            }
        }

        var ssrc = m.Ssrc.ToString(CultureInfo.InvariantCulture);
        section.Add("ssrc", ssrc + " cname:" + cname);
        section.Add("ssrc", ssrc + " msid:" + streamId + " " + streamId + "-" + m.Kind);
        foreach (var candidate in candidates)
        {
            section.Add("candidate", candidate.ToSdpValue());
        }

        section.Add("end-of-candidates");
        return section;
    }
}
