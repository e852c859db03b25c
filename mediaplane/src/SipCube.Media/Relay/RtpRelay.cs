using System.Net;
using SipCube.Media.Dtmf;
using SipCube.Media.Quality;
using SipCube.Media.Rtp;

namespace SipCube.Media.Relay;

/// <summary>
/// The passthrough media relay of one call: SIP leg RTP &lt;-&gt; app leg RTP (the WebRTC endpoint does SRTP around
/// it). Each packet is checked (latch on the SIP side), counted (RFC 3550 statistics), observed for RFC 4733 events,
/// and re-framed in place for the other leg; RTCP is translated, not forwarded. No allocation per packet; not
/// thread-safe per direction (one receive loop per leg).
/// </summary>
/// <remarks>
/// <code>
///  phone --RTP--> [latch] -> stats -> dtmf -> SipToApp reframer --RTP--> (SRTP protect) --> browser
///  phone <--RTP-- AppToSip reframer <- dtmf <- stats <-------------- (SRTP unprotect) <-- browser
///  RTCP each way: RtcpTranslator (SR/RR rewritten for the reframed SSRCs, RTT measured per leg)
/// </code>
/// </remarks>
public sealed class RtpRelay
{
    private readonly ReceiverStatistics sipReceive;
    private readonly ReceiverStatistics appReceive;
    private readonly DtmfEventDetector sipDtmf = new();
    private readonly DtmfEventDetector appDtmf = new();
    private readonly LegRttTracker sipRtt;
    private readonly LegRttTracker appRtt;
    private readonly RtcpTranslator sipRtcp;
    private readonly RtcpTranslator appRtcp;

    /// <summary>Creates the relay; <paramref name="timestampFrequency"/> is that of the
    /// <see cref="TimeProvider"/> whose <c>GetTimestamp()</c> the caller passes as arrival times.</summary>
    public RtpRelay(RtpRelayOptions options, long timestampFrequency)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = options.Random;
        var toApp = options.AppContinuation ?? ((ushort)random.Next(), (uint)random.NextInt64(uint.MaxValue));
        SipToApp = new RtpReframer(PayloadTypeMap.Create(options.SipCodecs, options.AppCodecs), options.AppSsrc ?? (uint)random.NextInt64(1, uint.MaxValue), toApp.Item1, toApp.Item2, timestampFrequency);
        AppToSip = new RtpReframer(PayloadTypeMap.Create(options.AppCodecs, options.SipCodecs), (uint)random.NextInt64(1, uint.MaxValue), (ushort)random.Next(), (uint)random.NextInt64(uint.MaxValue), timestampFrequency);
        SipLatch = new SymmetricRtpLatch(options.LatchWindow, timestampFrequency);
        sipReceive = new ReceiverStatistics(timestampFrequency);
        appReceive = new ReceiverStatistics(timestampFrequency);
        sipRtt = new LegRttTracker(timestampFrequency);
        appRtt = new LegRttTracker(timestampFrequency);
        sipRtcp = new RtcpTranslator(SipToApp, AppToSip, sipRtt, appRtt);
        appRtcp = new RtcpTranslator(AppToSip, SipToApp, appRtt, sipRtt);
        SipCodec = FirstMedia(options.SipCodecs, options.AppCodecs);
    }

    /// <summary>Phone -> app direction.</summary>
    public RtpReframer SipToApp { get; }

    /// <summary>App -> phone direction.</summary>
    public RtpReframer AppToSip { get; }

    /// <summary>Where SIP leg media is accepted from and sent to.</summary>
    public SymmetricRtpLatch SipLatch { get; }

    /// <summary>The shared audio format's name (for MOS and the CDR), if any.</summary>
    public string? SipCodec { get; }

    /// <summary>True when the legs share no format at all (transcoding would be needed).</summary>
    public bool NoSharedCodec => SipToApp.PayloadTypes.IsEmpty;

    /// <summary>Telephone events completed by the phone (for SIP INFO / logs).</summary>
    public DtmfEventDetector SipDtmf => sipDtmf;

    /// <summary>Telephone events completed by the app.</summary>
    public DtmfEventDetector AppDtmf => appDtmf;

    /// <summary>Relays one RTP packet from the phone, in place. Send it to the app only on
    /// <see cref="RelayResult.Forwarded"/>.</summary>
    public RelayResult FromSip(Span<byte> packet, SocketAddress source, long arrival)
    {
        if (!SipLatch.Accept(source, packet, SipToApp.PayloadTypes, arrival))
        {
            return RelayResult.UnexpectedSource;
        }

        return Relay(packet, arrival, SipToApp, sipReceive, sipDtmf);
    }

    /// <summary>Relays one (already SRTP-unprotected) RTP packet from the app, in place.</summary>
    public RelayResult FromApp(Span<byte> packet, long arrival) => Relay(packet, arrival, AppToSip, appReceive, appDtmf);

    /// <summary>Translates an RTCP compound packet from the phone for the app.</summary>
    public RelayResult RtcpFromSip(Span<byte> buffer, int length, long arrival, out int outLength) =>
        sipRtcp.Translate(buffer, length, arrival, out outLength);

    /// <summary>Translates an (unprotected) RTCP compound packet from the app for the phone.</summary>
    public RelayResult RtcpFromApp(Span<byte> buffer, int length, long arrival, out int outLength) =>
        appRtcp.Translate(buffer, length, arrival, out outLength);

    /// <summary>The SIP leg's counters.</summary>
    public RelayLegStatistics SipStatistics => Snapshot(sipReceive, sipRtt, AppToSip, sipDtmf);

    /// <summary>The app leg's counters.</summary>
    public RelayLegStatistics AppStatistics => Snapshot(appReceive, appRtt, SipToApp, appDtmf);

    private static RelayResult Relay(Span<byte> packet, long arrival, RtpReframer reframer, ReceiverStatistics stats, DtmfEventDetector dtmf)
    {
        if (!RtpHeaderView.TryGetHeaderLength(packet, out var headerLength))
        {
            return RelayResult.Malformed;
        }

        var payloadType = RtpHeaderView.PayloadType(packet);
        var marker = RtpHeaderView.Marker(packet);
        var ssrc = RtpHeaderView.Ssrc(packet);
        var seq = RtpHeaderView.SequenceNumber(packet);
        var timestamp = RtpHeaderView.Timestamp(packet);
        var result = reframer.Rewrite(packet, arrival);
        if (result != RelayResult.Forwarded)
        {
            return result;
        }

        stats.Update(ssrc, seq, timestamp, arrival, reframer.PayloadTypes.ClockRate(payloadType));
        if (reframer.PayloadTypes.IsTelephoneEvent(payloadType)
            && dtmf.Observe(packet[headerLength..], timestamp) == DtmfEventKind.Start
            && !marker)
        {
            // RFC 4733 §2.5.1.1: the first packet of an event carries the marker; repair senders that omit it.
            RtpReframer.SetMarker(packet);
        }

        return RelayResult.Forwarded;
    }

    private RelayLegStatistics Snapshot(ReceiverStatistics receive, LegRttTracker rtt, RtpReframer toPeer, DtmfEventDetector dtmf)
    {
        var received = receive.PacketsReceived;
        var lost = receive.PacketsLost;
        var lossPercent = received + lost == 0 ? 0 : 100.0 * lost / (received + lost);
        var mos = EModel.EstimateMos(SipCodec, lossPercent, receive.JitterMs, rtt.RttMs);
        return new RelayLegStatistics(received, lost, receive.JitterMs, rtt.RttMs, toPeer.PacketsSent, receive.LastArrival, mos, dtmf.DigitsCompleted);
    }

    private static string? FirstMedia(IReadOnlyCollection<RtpCodec> sip, IReadOnlyCollection<RtpCodec> app) =>
        sip.Where(c => !c.IsTelephoneEvent && app.Any(c.SameFormat)).Select(c => c.Name).FirstOrDefault();
}
