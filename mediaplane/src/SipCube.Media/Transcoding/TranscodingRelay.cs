using System.Net;
using SipCube.Codecs;
using SipCube.Media.Dtmf;
using SipCube.Media.Quality;
using SipCube.Media.Relay;
using SipCube.Media.Rtp;

namespace SipCube.Media.Transcoding;

/// <summary>
/// The media relay of a call whose legs share no audio format: each direction is a <see cref="TranscodingStream"/>
/// (jitter buffer, decode, resample, encode, our own RTP stream) and the SIP leg keeps the passthrough relay's latch
/// and receive statistics. RTCP is not translated (sequence numbers and timestamps differ per leg): each leg's reports
/// are consumed here. Not thread-safe per direction (one receive loop per leg); no allocation per packet.
/// </summary>
/// <remarks>
/// <code>
///  phone --RTP--> [latch] -> stats -> jitter -> decode -> resample -> encode -> our RTP --> (SRTP) --> browser
///  phone <-- our RTP <- encode <- resample <- decode <- jitter <- stats <------------ (SRTP) <-- browser
///  telephone-event: detected, regenerated with the other leg's payload type and clock
/// </code>
/// RFC 7667 §3.2.1.2 (media transcoder topology), RFC 3550 §6.4.1 (statistics), RFC 4733 §2.5.
/// </remarks>
public sealed class TranscodingRelay : IDisposable
{
    private readonly TranscodingStream sipToApp;
    private readonly TranscodingStream appToSip;
    private readonly ReceiverStatistics sipReceive;
    private readonly ReceiverStatistics appReceive;
    private readonly PayloadTypeMap sipTypes;
    private readonly int sipEventClock;
    private readonly int appEventClock;

    /// <summary>Creates the relay and its four codec instances. Throws <see cref="InvalidOperationException"/> when a
    /// codec cannot be created here (check <see cref="UnavailableReason"/> before negotiating it).</summary>
    public TranscodingRelay(TranscodingRelayOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var random = options.Random;
        var opus = OpusOptions.Voice with { Complexity = options.OpusComplexity };
        var registry = new AudioCodecRegistry(opus);
        var codecs = new List<IAudioCodec>();
        try
        {
            var sipDecoder = Create(registry, options.SipAudio, codecs);
            var appEncoder = Create(registry, options.AppAudio, codecs);
            var appDecoder = Create(registry, options.AppAudio, codecs);
            var sipEncoder = Create(registry, options.SipAudio, codecs);
            var toApp = options.AppContinuation ?? ((ushort)random.Next(), (uint)random.NextInt64(uint.MaxValue));
            sipToApp = new TranscodingStream(
                new TranscodingStreamSetup(sipDecoder, appEncoder, options.SipAudio, options.SipEvents, options.AppAudio, options.AppEvents, options.AppSsrc ?? (uint)random.NextInt64(1, uint.MaxValue), toApp.Item1, toApp.Item2),
                time)
            { Injected = options.AppEvents is { } appEvents ? new TelephoneEventGenerator(appEvents.ClockRate, time.TimestampFrequency) : null };
            appToSip = new TranscodingStream(
                new TranscodingStreamSetup(appDecoder, sipEncoder, options.AppAudio, options.AppEvents, options.SipAudio, options.SipEvents, (uint)random.NextInt64(1, uint.MaxValue), (ushort)random.Next(), (uint)random.NextInt64(uint.MaxValue)),
                time);
        }
        catch
        {
            codecs.ForEach(c => c.Dispose());
            throw;
        }

        List<RtpCodec> sip = options.SipEvents is { } sipEvents ? [options.SipAudio, sipEvents] : [options.SipAudio];
        sipTypes = PayloadTypeMap.Create(sip, sip);
        sipEventClock = options.SipEvents?.ClockRate ?? options.SipAudio.ClockRate;
        appEventClock = options.AppEvents?.ClockRate ?? options.AppAudio.ClockRate;
        SipLatch = new SymmetricRtpLatch(options.LatchWindow, time.TimestampFrequency);
        sipReceive = new ReceiverStatistics(time.TimestampFrequency);
        appReceive = new ReceiverStatistics(time.TimestampFrequency);
        SipCodec = options.SipAudio.Name;
        AppCodec = options.AppAudio.Name;
        SipAudio = options.SipAudio;
        AppAudio = options.AppAudio;
    }

    /// <summary>Where SIP leg media is accepted from and sent to.</summary>
    public SymmetricRtpLatch SipLatch { get; }

    /// <summary>The SIP leg's audio format name.</summary>
    public string SipCodec { get; }

    /// <summary>The app leg's audio format name.</summary>
    public string AppCodec { get; }

    /// <summary>The SIP leg's audio format.</summary>
    public RtpCodec SipAudio { get; }

    /// <summary>The app leg's audio format.</summary>
    public RtpCodec AppAudio { get; }

    /// <summary>Our SSRC toward the app.</summary>
    public uint AppSsrc => sipToApp.Ssrc;

    /// <summary>Where the stream toward the app continues (for a relay that replaces this one).</summary>
    public (ushort Sequence, uint Timestamp) AppContinuation => (sipToApp.NextSequence, sipToApp.NextTimestamp);

    /// <summary>Out-of-band digits toward the app (null when the app leg has no telephone-event).</summary>
    public TelephoneEventGenerator? AppEvents => sipToApp.Injected;

    /// <summary>Telephone events completed by the phone.</summary>
    public long SipDigits => sipToApp.DigitsCompleted;

    /// <summary>Telephone events completed by the app.</summary>
    public long AppDigits => appToSip.DigitsCompleted;

    /// <summary>The SIP leg's counters.</summary>
    public RelayLegStatistics SipStatistics => Snapshot(sipReceive, appToSip, SipCodec, sipToApp.DigitsCompleted);

    /// <summary>The app leg's counters.</summary>
    public RelayLegStatistics AppStatistics => Snapshot(appReceive, sipToApp, AppCodec, appToSip.DigitsCompleted);

    /// <summary>Why <paramref name="name"/>/<paramref name="clockRate"/> cannot be transcoded here, or null.</summary>
    public static string? UnavailableReason(string name, int clockRate) =>
        AudioCodecRegistry.Find(name, clockRate) is { } descriptor
            ? AudioCodecRegistry.UnavailableReason(descriptor)
            : $"codec unavailable: {name}/{clockRate} is not supported";

    /// <summary>Whether <paramref name="name"/>/<paramref name="clockRate"/> can be transcoded here.</summary>
    public static bool CanTranscode(string name, int clockRate) => UnavailableReason(name, clockRate) is null;

    /// <summary>One packet from the phone; what it yields goes to <paramref name="toApp"/>.</summary>
    public RelayResult FromSip(ReadOnlySpan<byte> packet, SocketAddress source, long arrival, IRtpPacketSink toApp)
    {
        if (!SipLatch.Accept(source, packet, sipTypes, arrival))
        {
            return RelayResult.UnexpectedSource;
        }

        return Relay(packet, arrival, sipToApp, sipReceive, sipEventClock, toApp);
    }

    /// <summary>One (SRTP-unprotected) packet from the app; what it yields goes to <paramref name="toSip"/>.</summary>
    public RelayResult FromApp(ReadOnlySpan<byte> packet, long arrival, IRtpPacketSink toSip) =>
        Relay(packet, arrival, appToSip, appReceive, appEventClock, toSip);

    /// <inheritdoc />
    public void Dispose()
    {
        sipToApp.Dispose();
        appToSip.Dispose();
    }

    private static RelayResult Relay(ReadOnlySpan<byte> packet, long arrival, TranscodingStream stream, ReceiverStatistics stats, int eventClock, IRtpPacketSink sink)
    {
        if (!RtpHeaderView.TryGetHeaderLength(packet, out var headerLength) || RtpHeaderView.LooksLikeRtcp(packet))
        {
            return RelayResult.Malformed;
        }

        var payloadType = RtpHeaderView.PayloadType(packet);
        if (!stream.Takes(payloadType))
        {
            return RelayResult.UnknownPayloadType;
        }

        stats.Update(RtpHeaderView.Ssrc(packet), RtpHeaderView.SequenceNumber(packet), RtpHeaderView.Timestamp(packet), arrival, stream.IsEvent(payloadType) ? eventClock : stream.InClock);
        return stream.Receive(packet, headerLength, arrival, sink);
    }

    private static IAudioCodec Create(AudioCodecRegistry registry, RtpCodec format, List<IAudioCodec> created)
    {
        var creation = registry.Create(format.Name, format.ClockRate);
        if (!creation.IsAvailable)
        {
            throw new InvalidOperationException(creation.UnavailableReason);
        }

        created.Add(creation.Codec);
        return creation.Codec;
    }

    private static RelayLegStatistics Snapshot(ReceiverStatistics receive, TranscodingStream toPeer, string codec, long digits)
    {
        var received = receive.PacketsReceived;
        var lost = receive.PacketsLost;
        var lossPercent = received + lost == 0 ? 0 : 100.0 * lost / (received + lost);
        var mos = EModel.EstimateMos(codec, lossPercent, receive.JitterMs, null);
        return new RelayLegStatistics(received, lost, receive.JitterMs, null, toPeer.PacketsSent, receive.LastArrival, mos, digits);
    }
}
