using System.Globalization;
using System.Net;
using SipCube.Sdp;

namespace SipCube.Calls.Media;

/// <summary>
/// Reads a phone's SDP and writes ours for it: plain RTP/AVP, one audio m-line, our RTP address and port, the
/// formats the other leg can take. Offers to phones propose rtcp-mux; answers use it only when the phone offered it.
/// </summary>
/// <remarks>RFC 3264 §5 (offer), §6 (answer keeps every m-line, unused ones with port 0), RFC 3551 (RTP/AVP),
/// RFC 5761 §5.1.1 (rtcp-mux), RFC 3605 (a=rtcp), RFC 4566 §6 (ptime).</remarks>
internal static class PhoneSdp
{
    /// <summary>Default packetisation when the phone does not say (RFC 3551 §4.5: 20 ms for G.711).</summary>
    public const int DefaultPtime = 20;

    /// <summary>Parses peer SDP; an unreadable one cannot be negotiated (488).</summary>
    public static SessionDescription Parse(string text, string who)
    {
        if (!SdpParser.TryParse(text ?? string.Empty, out var sdp, out var error) || sdp is null)
        {
            throw new IncompatibleMediaException($"unreadable SDP from the {who}: {error.Reason} at line {error.Line}");
        }

        return sdp;
    }

    /// <summary>The first accepted plain-RTP audio m-line, or null. Formats an answer lists without rtpmap are
    /// looked up in <paramref name="offered"/> (our offer).</summary>
    public static PhoneAudio? FindAudio(SessionDescription sdp, IReadOnlyList<BridgeCodec>? offered = null)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        for (var i = 0; i < sdp.Media.Count; i++)
        {
            var m = sdp.Media[i];
            if (m.Media != "audio" || m.Port == 0 || !IsPlainRtp(m.Protocol))
            {
                continue;
            }

            var address = ParseAddress((m.Connection ?? sdp.Connection)?.Address);
            var rtp = address is null ? null : new IPEndPoint(address, m.Port);
            var ptime = int.TryParse(m.GetAttribute("ptime"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 200 ? p : (int?)null;
            return new PhoneAudio(i, BridgeCodec.FromSection(m, offered), rtp, RtcpEndPoint(m, address), m.HasAttribute("rtcp-mux"), ptime, m.Direction);
        }

        return null;
    }

    /// <summary>Our offer to a phone.</summary>
    public static string Offer(IPAddress address, int port, IReadOnlyList<BridgeCodec> codecs)
    {
        var sdp = Session(address);
        sdp.Media.Add(Audio(port, codecs, DefaultPtime, SdpDirection.SendRecv, rtcpMux: true));
        return sdp.ToString();
    }

    /// <summary>Our answer to a phone's offer: the audio m-line at <paramref name="audio"/>'s index, every other
    /// offered m-line rejected.</summary>
    public static SessionDescription Answer(SessionDescription offer, PhoneAudio audio, IPAddress address, int port, IReadOnlyList<BridgeCodec> codecs, SdpDirection? direction = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(audio);
        var sdp = Session(address);
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var offered = offer.Media[i];
            sdp.Media.Add(i == audio.Index
                ? Audio(port, codecs, audio.Ptime ?? DefaultPtime, direction ?? SdpDirections.Answer(audio.Direction), audio.RtcpMux)
                : new MediaDescription(offered.Media, 0, offered.Protocol, offered.Formats));
        }

        return sdp;
    }

    private static SessionDescription Session(IPAddress address)
    {
        var origin = SdpOrigin.Create("SipCube");
        var connection = SdpConnection.For(address);
        return new SessionDescription(origin with { AddressType = connection.AddressType, Address = connection.Address })
        {
            SessionName = "SipCube",
            Connection = connection,
        };
    }

    private static MediaDescription Audio(int port, IReadOnlyList<BridgeCodec> codecs, int ptime, SdpDirection direction, bool rtcpMux)
    {
        var m = new MediaDescription("audio", port, "RTP/AVP", codecs.Select(c => c.PayloadType.ToString(CultureInfo.InvariantCulture)));
        foreach (var codec in codecs)
        {
            m.Add("rtpmap", codec.ToRtpMap().ToString());
            if (codec.Fmtp is { Length: > 0 } fmtp)
            {
                m.Add("fmtp", codec.PayloadType.ToString(CultureInfo.InvariantCulture) + " " + fmtp);
            }
        }

        m.Add("ptime", ptime.ToString(CultureInfo.InvariantCulture));
        if (rtcpMux)
        {
            m.Add("rtcp-mux");
        }

        m.Add(direction.ToAttributeName());
        return m;
    }

    private static bool IsPlainRtp(string protocol) =>
        protocol.Equals("RTP/AVP", StringComparison.OrdinalIgnoreCase) || protocol.Equals("RTP/AVPF", StringComparison.OrdinalIgnoreCase);

    private static IPAddress? ParseAddress(string? text)
    {
        // RFC 3264 §8.4: 0.0.0.0 means "do not send"; a host name would need DNS on the call path, which we refuse.
        if (text is null || !IPAddress.TryParse(text, out var address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return null;
        }

        return address;
    }

    private static IPEndPoint? RtcpEndPoint(MediaDescription m, IPAddress? address)
    {
        var value = m.GetAttribute("rtcp");
        if (string.IsNullOrEmpty(value))
        {
            return address is null || m.Port >= 65535 ? null : new IPEndPoint(address, m.Port + 1);
        }

        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is 0 or > 65535)
        {
            return null;
        }

        var rtcpAddress = parts.Length == 4 ? ParseAddress(parts[3]) : address;
        return rtcpAddress is null ? null : new IPEndPoint(rtcpAddress, port);
    }
}
