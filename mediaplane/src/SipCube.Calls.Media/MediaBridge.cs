using Microsoft.Extensions.Logging;
using SipCube.Calls.Ports;
using SipCube.Dtls;
using SipCube.Media.Relay;
using SipCube.Sdp;
using SipCube.WebRtc;

namespace SipCube.Calls.Media;

/// <summary>
/// The media of one call: a plain RTP port pair toward the phone, a <see cref="WebRtcPeerConnection"/> toward the
/// app, and an <see cref="RtpRelay"/> between them. Each side is offered only the formats the other side offered and
/// both can carry, so the answerer picks one both share and the relay passes packets through (no transcoding).
/// Offer and answer are called from the call's serialized queue; packets flow on the sockets' receive threads.
/// </summary>
/// <remarks>RFC 3264 §5-§6 (offer/answer), RFC 8829 (JSEP), RFC 3550 §11 (ports), RFC 7667 §3.2.1.3 (translator).</remarks>
internal sealed partial class MediaBridge : IMediaBridge
{
    private readonly string callId;
    private readonly CallEventSink sink;
    private readonly MediaBridgeOptions options;
    private readonly DtlsCertificate certificate;
    private readonly TimeProvider time;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly MediaBridgeMetrics? metrics;
    private MediaSide? offeringSide;
    private string? offerResult;
    private string? answerResult;
    private SessionDescription? phoneOffer;
    private PhoneAudio? phoneOfferAudio;
    private List<BridgeCodec> carried = [];
    private List<BridgeCodec> offeredToApp = [];
    private List<BridgeCodec> offeredToPhone = [];
    private List<BridgeCodec> appOfferFormats = [];

    public MediaBridge(string callId, CallEventSink sink, MediaBridgeOptions options, DtlsCertificate certificate, TimeProvider time, ILoggerFactory loggerFactory, MediaBridgeMetrics? metrics)
    {
        this.callId = callId;
        this.sink = sink;
        this.options = options;
        this.certificate = certificate;
        this.time = time;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger("SipCube.Calls.Media");
        this.metrics = metrics;
    }

    /// <summary>The WebRTC leg, once bound (tests).</summary>
    internal WebRtcPeerConnection? PeerConnection => peerConnection;

    /// <summary>The phone-side RTP port, once bound.</summary>
    internal int? SipPort => ports?.Port;

    public ValueTask<string> CreateOfferAsync(MediaSide offeringSide, string remoteOffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        if (offerResult is not null)
        {
            return ValueTask.FromResult(offerResult);
        }

        offerResult = offeringSide == MediaSide.Sip ? OfferFromPhone(remoteOffer) : OfferFromApp(remoteOffer);
        this.offeringSide = offeringSide;
        return ValueTask.FromResult(offerResult);
    }

    public ValueTask<string> CompleteAsync(MediaSide answeringSide, string remoteAnswer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        if (answerResult is not null)
        {
            return ValueTask.FromResult(answerResult);
        }

        if (offeringSide is not { } offering || offering == answeringSide)
        {
            throw new InvalidOperationException("CompleteAsync needs the other side's offer first");
        }

        answerResult = answeringSide == MediaSide.App ? CompleteFromApp(remoteAnswer) : CompleteFromPhone(remoteAnswer);
        return ValueTask.FromResult(answerResult);
    }

    /// <summary>Phone -> app: the WebRTC offer carries the phone's passthrough formats with the phone's numbers, and
    /// opus when the phone has a format the bridge can transcode, so a browser sharing nothing still gets audio.</summary>
    private string OfferFromPhone(string sdpText)
    {
        var sdp = PhoneSdp.Parse(sdpText, "phone");
        var audio = PhoneSdp.FindAudio(sdp) ?? throw Incompatible("the phone offered no plain RTP audio");
        carried = BridgeCodec.Carried(audio.Codecs);
        var appOffer = new List<BridgeCodec>(carried);
        if (audio.Codecs.Any(c => c.IsTranscodable && !c.IsOpus) && !carried.Exists(c => c.IsOpus) && OpusAvailable)
        {
            // Passthrough formats first: a browser that shares one picks it; an Opus-only one takes opus and the
            // bridge transcodes.
            var opus = new BridgeCodec(BridgeCodec.FreePayloadType(audio.Codecs, 111), "opus", 48000, 2);
            appOffer.Insert(carried.FindIndex(c => c.IsTelephoneEvent) is var i and >= 0 ? i : carried.Count, opus);
            if (audio.Codecs.Any(c => c.IsTelephoneEvent))
            {
                appOffer.Add(new BridgeCodec(BridgeCodec.FreePayloadType([.. audio.Codecs, opus], 110), "telephone-event", 48000, null, "0-15"));
            }
        }

        if (!appOffer.Exists(c => !c.IsTelephoneEvent))
        {
            throw Incompatible("the phone offered " + Names(audio.Codecs) + "; apps take PCMU, PCMA, G722 or opus, and nothing can be transcoded");
        }

        phoneOffer = sdp;
        phoneOfferAudio = audio;
        offeredToApp = appOffer;
        var pc = Open(appOffer);
        return pc.CreateOffer().ToString();
    }

    /// <summary>App -> phone: the phone offer carries the browser's passthrough formats with the browser's numbers,
    /// then (when the browser offered opus) the phone formats the bridge can transcode to and from opus.</summary>
    private string OfferFromApp(string sdpText)
    {
        var sdp = PhoneSdp.Parse(sdpText, "app");
        var section = sdp.Media.Find(m => m.Media == "audio" && m.Port != 0 && m.Protocol.Contains("SAVP", StringComparison.OrdinalIgnoreCase))
            ?? throw Incompatible("the app offered no secure audio");
        var offered = BridgeCodec.FromSection(section);
        carried = BridgeCodec.Carried(offered);
        var phoneOffer = new List<BridgeCodec>(carried);
        if (offered.Exists(c => c.IsOpus) && OpusAvailable)
        {
            var events = phoneOffer.FindIndex(c => c.IsTelephoneEvent);
            foreach (var extra in TranscodedPhoneFormats)
            {
                if (!phoneOffer.Exists(extra.SameFormat) && extra.IsTranscodable && !offered.Exists(c => c.PayloadType == extra.PayloadType))
                {
                    phoneOffer.Insert(events >= 0 ? events++ : phoneOffer.Count, extra);
                }
            }

            if (!phoneOffer.Exists(c => c.IsTelephoneEvent && c.ClockRate == 8000) && offered.Exists(c => c.IsTelephoneEvent))
            {
                phoneOffer.Add(new BridgeCodec(BridgeCodec.FreePayloadType([.. offered, .. phoneOffer], 101), "telephone-event", 8000, null, "0-15"));
            }
        }

        if (!phoneOffer.Exists(c => !c.IsTelephoneEvent))
        {
            throw Incompatible("the app offered " + Names(offered) + "; phones get PCMU, PCMA, G722 or opus");
        }

        offeredToPhone = phoneOffer;
        var pc = Open(carried.Count > 0 ? carried : phoneOffer);
        if (!pc.TrySetRemoteDescription(sdp, out var error))
        {
            throw Incompatible("the app's offer is unusable: " + error);
        }

        appOfferFormats = offered;
        var ours = PhoneSdp.Offer(SipAdvertised, ports!.Port, phoneOffer);
        RememberOffer(ours);
        return ours;
    }

    /// <summary>Phone -> app: the app answered; relay its choice and tell the phone the same format, or transcode
    /// between the app's opus and the phone's preferred transcodable format.</summary>
    private string CompleteFromApp(string sdpText)
    {
        var sdp = PhoneSdp.Parse(sdpText, "app");
        if (!peerConnection!.TrySetRemoteDescription(sdp, out var error))
        {
            throw Incompatible("the app's answer is unusable: " + error);
        }

        var section = sdp.Media.Find(m => m.Media == "audio" && m.Port != 0) ?? throw Incompatible("the app rejected audio");
        var answered = BridgeCodec.FromSection(section, offeredToApp);
        var audio = phoneOfferAudio!;
        var chosen = answered.Find(c => c.IsPassthroughAudio && carried.Exists(c.SameFormat));
        if (chosen is null)
        {
            var appOpus = answered.Find(c => c.IsOpus)
                ?? throw Incompatible("the app answered " + Names(answered) + ", none of which the phone offered");
            var phoneAudio = audio.Codecs.First(c => c.IsTranscodable && !c.IsOpus);
            var phoneEvents = audio.Codecs.FirstOrDefault(c => c.IsTelephoneEvent && c.ClockRate == phoneAudio.ClockRate);
            var appEvents = answered.Find(c => c.IsTelephoneEvent && c.ClockRate == appOpus.ClockRate);
            StartTranscoding(phoneAudio, phoneEvents, appOpus, appEvents, audio);
            List<BridgeCodec> phoneSide = phoneEvents is null ? [phoneAudio] : [phoneAudio, phoneEvents];
            return AnswerPhone(audio, phoneSide);
        }

        var phoneChosen = carried.Find(chosen.SameFormat)!;
        var phoneEvent = carried.Find(c => c.IsTelephoneEvent && c.ClockRate == chosen.ClockRate);
        var appEvent = answered.Find(c => c.IsTelephoneEvent && c.ClockRate == chosen.ClockRate);
        List<BridgeCodec> sip = phoneEvent is not null && appEvent is not null ? [phoneChosen, phoneEvent] : [phoneChosen];
        List<BridgeCodec> app = phoneEvent is not null && appEvent is not null ? [chosen, appEvent] : [chosen];
        PrepareAppEvents(appEvent);
        StartRelay(sip, app, audio);
        return AnswerPhone(audio, sip);
    }

    /// <summary>App -> phone: the phone answered; answer the browser with the phone's choice only, or with opus when
    /// the phone chose a format the bridge transcodes.</summary>
    private string CompleteFromPhone(string sdpText)
    {
        var sdp = PhoneSdp.Parse(sdpText, "phone");
        var audio = PhoneSdp.FindAudio(sdp, offeredToPhone) ?? throw Incompatible("the phone accepted no audio");
        var answered = audio.Codecs;
        var chosen = answered.FirstOrDefault(c => c.IsPassthroughAudio && carried.Exists(c.SameFormat));
        if (chosen is null)
        {
            var phoneAudio = answered.FirstOrDefault(c => c.IsTranscodable && offeredToPhone.Exists(c.SameFormat))
                ?? throw Incompatible("the phone answered " + Names(answered) + ", none of which the app offered");
            var appOpus = appOfferFormats.Find(c => c.IsOpus)!;
            var answer = peerConnection!.CreateAnswer([appOpus.ToWebRtcCodec()]).ToString();
            var appCodecs = (peerConnection.Media.FirstOrDefault(m => m.Kind == "audio")
                ?? throw Incompatible("the app's audio could not be answered")).Codecs.Select(BridgeCodec.From).ToList();
            var phoneEvents = answered.FirstOrDefault(c => c.IsTelephoneEvent && c.ClockRate == phoneAudio.ClockRate);
            StartTranscoding(phoneAudio, phoneEvents, appCodecs.Find(c => c.IsOpus) ?? appOpus, appCodecs.Find(c => c.IsTelephoneEvent && c.ClockRate == 48000), audio);
            return answer;
        }

        var appChosen = carried.Find(chosen.SameFormat)!;
        var webRtcAnswer = peerConnection!.CreateAnswer([appChosen.ToWebRtcCodec()]).ToString();
        var appMedia = peerConnection.Media.FirstOrDefault(m => m.Kind == "audio")
            ?? throw Incompatible("the app's audio could not be answered");
        var app = appMedia.Codecs.Select(BridgeCodec.From).ToList();

        // The phone answers with the numbers it wants to receive but sends with the numbers of our offer
        // (RFC 3264 §6.1), so both are accepted from it; packets to it use its own numbers (listed first).
        var sip = new List<BridgeCodec> { chosen };
        if (answered.FirstOrDefault(c => c.IsTelephoneEvent && c.ClockRate == chosen.ClockRate) is { } phoneEvent)
        {
            sip.Add(phoneEvent);
        }

        sip.AddRange(app.Where(a => !sip.Exists(s => s.PayloadType == a.PayloadType) && sip.Exists(s => s.SameFormat(a))));
        PrepareAppEvents(app.Find(a => a.IsTelephoneEvent && a.ClockRate == appChosen.ClockRate));
        StartRelay(sip, app, audio);
        return webRtcAnswer;
    }

    private System.Net.IPAddress SipAdvertised => options.SipAdvertisedAddress ?? options.SipBindAddress;

    private IncompatibleMediaException Incompatible(string detail)
    {
        MediaBridgeLog.Incompatible(logger, callId, detail);
        metrics?.Incompatible();
        return new IncompatibleMediaException(detail);
    }

    private static string Names(IEnumerable<BridgeCodec> codecs)
    {
        var names = string.Join(", ", codecs.Select(c => c.Name + "/" + c.ClockRate.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return names.Length == 0 ? "nothing usable" : names;
    }
}
