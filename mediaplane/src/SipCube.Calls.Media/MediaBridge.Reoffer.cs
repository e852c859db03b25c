using System.Globalization;
using SipCube.Sdp;

namespace SipCube.Calls.Media;

/// <summary>
/// The phone's in-dialog re-offers: hold (sendonly, inactive, or the old c=0.0.0.0), resume, a moved address, or a
/// different codec. Only the phone side changes; the peer connection (ICE consent, DTLS, SRTP) and the app's codec stay,
/// and transcoding is inserted or removed so the browser never notices. Our answers keep one o= line per dialog: the
/// session id stays and the version goes up only when our SDP changed.
/// </summary>
/// <remarks>RFC 3264 §8 (modifying the session; §8.4 hold), RFC 4566 §5.2 (o= version), RFC 6337 §5.3.</remarks>
internal sealed partial class MediaBridge
{
    private SdpOrigin? answerOrigin;
    private List<BridgeCodec> phoneFormats = [];
    private List<BridgeCodec> appFormats = [];
    private bool sipMayBeSilent;
    private string? lastAnswerBody;

    /// <summary>Whether the phone holds the call (tests).</summary>
    internal bool PhoneHeld => phoneHeld;

    /// <inheritdoc />
    public ValueTask<string> UpdateFromPhoneAsync(string remoteOffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        if (ports is null || phoneFormats.Count == 0)
        {
            throw Incompatible("a re-offer before the media was negotiated");
        }

        var sdp = PhoneSdp.Parse(remoteOffer, "phone");
        var audio = PhoneSdp.FindAudio(sdp, phoneFormats) ?? throw Incompatible("the re-offer has no plain RTP audio");
        var (sipAudio, sipEvents, transcode) = ChooseOnReoffer(audio);

        // RFC 3264 §8.4: sendonly/inactive, or the older c=0.0.0.0, mean the phone does not want our media.
        var held = audio.Direction is SdpDirection.SendOnly or SdpDirection.Inactive || audio.Rtp is null;
        var now = time.GetTimestamp();
        var current = phoneFormats[0];
        if (current != sipAudio || EventsOf(phoneFormats) != sipEvents)
        {
            SwitchPhoneCodec(sipAudio, sipEvents, transcode, audio);
        }
        else
        {
            var latch = relay?.SipLatch ?? transcoding!.SipLatch;
            if (audio.Rtp is { } rtp)
            {
                // A moved phone (new address or port) is latched again from its new SDP address.
                latch.SetSignalled(rtp);
                latch.Open(now);
            }

            if (!audio.RtcpMux && audio.Rtcp is { } rtcp)
            {
                phoneRtcp = rtcp.Serialize();
            }

            rtcpMux = audio.RtcpMux;
        }

        // A held phone may send nothing at all; the silence clock restarts at resume.
        sipMayBeSilent = audio.Direction != SdpDirection.SendRecv || audio.Rtp is null;
        answeredAt = now;
        Volatile.Write(ref lastSipMedia, 0);
        phoneHeld = held;
        phoneOffer = sdp;
        phoneOfferAudio = audio;
        MediaBridgeLog.Reoffer(logger, callId, audio.Direction, sipAudio.Name, held);
        List<BridgeCodec> formats = sipEvents is null ? [sipAudio] : [sipAudio, sipEvents];
        return ValueTask.FromResult(AnswerPhone(audio, formats));
    }

    /// <summary>Keep the phone's current format if it still offers it; else passthrough with the app's format; else
    /// transcode from the first format the bridge can decode.</summary>
    private (BridgeCodec Audio, BridgeCodec? Events, bool Transcode) ChooseOnReoffer(PhoneAudio audio)
    {
        var offered = audio.Codecs;
        var current = phoneFormats[0];
        var appAudio = appFormats[0];
        var chosen = offered.FirstOrDefault(c => c.SameFormat(current))
            ?? offered.FirstOrDefault(c => c.SameFormat(appAudio) && c.IsPassthroughAudio)
            ?? offered.FirstOrDefault(c => c.IsTranscodable && (OpusAvailable || !appAudio.IsOpus))
            ?? throw Incompatible("the re-offer has " + Names(offered) + ", none of which can be bridged");
        var events = offered.FirstOrDefault(c => c.IsTelephoneEvent && c.ClockRate == chosen.ClockRate);
        return (chosen, events, !chosen.SameFormat(appAudio));
    }

    /// <summary>Replaces the phone side's relay, continuing the app stream's SSRC, sequence and timestamp.</summary>
    private void SwitchPhoneCodec(BridgeCodec sipAudio, BridgeCodec? sipEvents, bool transcode, PhoneAudio audio)
    {
        var appClock = appFormats[0].ClockRate;
        (ushort, uint)? continuation = relay is { } old
            ? (old.SipToApp.NextSequence, old.SipToApp.HighestTimestamp + (uint)(appClock / 50))
            : transcoding?.AppContinuation;
        var previous = transcoding;
        var previousPair = transcodedPair;
        relay = null;
        transcoding = null;
        var appEvents = EventsOf(appFormats);
        if (transcode)
        {
            StartTranscoding(sipAudio, sipEvents, appFormats[0], appEvents, audio, continuation);
        }
        else
        {
            var sip = sipEvents is not null && appEvents is not null ? new List<BridgeCodec> { sipAudio, sipEvents } : [sipAudio];
            StartRelay(sip, appEvents is not null && sipEvents is not null ? appFormats : [appFormats[0]], audio, continuation);
        }

        if (previous is not null)
        {
            previous.Dispose();
            metrics?.TranscodingStopped(previousPair!);
        }
    }

    private static BridgeCodec? EventsOf(List<BridgeCodec> formats) =>
        formats.Find(c => c.IsTelephoneEvent && c.ClockRate == formats[0].ClockRate);

    private void RememberOffer(string ours)
    {
        var sdp = PhoneSdp.Parse(ours, "bridge");
        answerOrigin = sdp.Origin;
        lastAnswerBody = BodyWithoutOrigin(sdp);
    }

    /// <summary>Our answer to a phone's offer, with the dialog's o= line: new version only when the body changed.</summary>
    private string AnswerPhone(PhoneAudio audio, IReadOnlyList<BridgeCodec> codecs, SdpDirection? direction = null)
    {
        var sdp = PhoneSdp.Answer(phoneOffer!, audio, SipAdvertised, ports!.Port, codecs, direction);
        var body = BodyWithoutOrigin(sdp);
        if (answerOrigin is null)
        {
            answerOrigin = sdp.Origin;
        }
        else if (body != lastAnswerBody)
        {
            var version = ulong.Parse(answerOrigin.SessionVersion, NumberStyles.None, CultureInfo.InvariantCulture) + 1;
            answerOrigin = answerOrigin with { SessionVersion = version.ToString(CultureInfo.InvariantCulture) };
        }

        lastAnswerBody = body;
        sdp.Origin = answerOrigin;
        return sdp.ToString();
    }

    private static string BodyWithoutOrigin(SessionDescription sdp)
    {
        var text = sdp.ToString();
        var start = text.IndexOf("o=", StringComparison.Ordinal);
        var end = text.IndexOf('\n', start);
        return text.Remove(start, end - start + 1);
    }
}
