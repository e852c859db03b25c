using SipCube.Media.Relay;
using SipCube.Media.Transcoding;

namespace SipCube.Calls.Media;

/// <summary>
/// Transcoded mode: chosen only when the legs share no audio format (the answerer picked opus on the app side and
/// the phone has only formats the bridge can decode). Packets go through a <see cref="TranscodingRelay"/> whose
/// output lands in the two sinks below: toward the app through the peer connection's SRTP, toward the phone on the
/// RTP socket (not while the phone holds the call).
/// </summary>
/// <remarks>RFC 7667 §3.2.1.2 (media transcoder), RFC 3264 §6.1 (each leg keeps its own formats).</remarks>
internal sealed partial class MediaBridge
{
    /// <summary>Formats a phone is offered beside the browser's when the browser offered opus (static numbers).</summary>
    private static readonly BridgeCodec[] TranscodedPhoneFormats =
    [
        new(0, "PCMU", 8000),
        new(8, "PCMA", 8000),
        new(9, "G722", 8000),
        new(18, "G729", 8000, null, "annexb=no"),
    ];

    private volatile TranscodingRelay? transcoding;
    private AppSink? appSink;
    private PhoneSink? phoneSink;

    private static bool OpusAvailable => TranscodingRelay.CanTranscode("opus", 48000);

    /// <summary>The transcoded relay, when the call runs in that mode (tests).</summary>
    internal TranscodingRelay? Transcoding => transcoding;

    private void StartTranscoding(BridgeCodec sipAudio, BridgeCodec? sipEvents, BridgeCodec appAudio, BridgeCodec? appEvents, PhoneAudio phone, (ushort, uint)? continuation = null)
    {
        var audioSsrc = peerConnection!.Media.FirstOrDefault(m => m.Kind == "audio")?.Ssrc;
        TranscodingRelay started;
        try
        {
            started = new TranscodingRelay(
                new TranscodingRelayOptions
                {
                    SipAudio = sipAudio.ToRtpCodec(),
                    SipEvents = sipEvents?.ToRtpCodec(),
                    AppAudio = appAudio.ToRtpCodec(),
                    AppEvents = appEvents?.ToRtpCodec(),
                    AppSsrc = audioSsrc,
                    AppContinuation = continuation,
                    LatchWindow = options.LatchWindow,
                    OpusComplexity = options.OpusComplexity,
                },
                time);
        }
        catch (InvalidOperationException ex)
        {
            throw Incompatible(ex.Message);
        }

        appSink = new AppSink(peerConnection);
        phoneSink = new PhoneSink(this, started);
        if (phone.Rtp is { } signalled)
        {
            started.SipLatch.SetSignalled(signalled);
        }

        var now = time.GetTimestamp();
        started.SipLatch.Open(now);
        rtcpMux = phone.RtcpMux;
        phoneRtcp = phone.RtcpMux ? null : phone.Rtcp?.Serialize();
        codecName = sipAudio.Name;
        appCodecName = appAudio.Name;
        transcodedPair = sipAudio.Name + "-" + appAudio.Name;
        phoneFormats = sipEvents is null ? [sipAudio] : [sipAudio, sipEvents];
        appFormats = appEvents is null ? [appAudio] : [appAudio, appEvents];
        answeredAt = now;
        transcoding = started;
        StartTimeoutChecks();
        metrics?.Relaying(codecName);
        metrics?.TranscodingStarted(transcodedPair);
        MediaBridgeLog.Transcoding(logger, callId, sipAudio.Name, sipAudio.PayloadType, appAudio.Name, appAudio.PayloadType);
    }

    private void FromPhoneTranscoded(TranscodingRelay current, byte[] buffer, int length, System.Net.SocketAddress source, long arrival)
    {
        RelayResult result;
        try
        {
            result = current.FromSip(buffer.AsSpan(0, length), source, arrival, appSink!);
        }
        catch (ObjectDisposedException)
        {
            // The phone switched codec (or the call ended) while this packet was being transcoded.
            return;
        }

        if (result is not (RelayResult.UnexpectedSource or RelayResult.Malformed))
        {
            Volatile.Write(ref lastSipMedia, arrival);
        }
    }

    private void FromAppTranscoded(TranscodingRelay current, ReadOnlySpan<byte> plain)
    {
        var arrival = time.GetTimestamp();
        Volatile.Write(ref lastAppMedia, arrival);
        try
        {
            current.FromApp(plain, arrival, phoneSink!);
        }
        catch (ObjectDisposedException)
        {
            // The call ended while this packet was being transcoded.
        }
    }

    /// <summary>Toward the app: SRTP-protect in place and send.</summary>
    private sealed class AppSink(SipCube.WebRtc.WebRtcPeerConnection pc) : IRtpPacketSink
    {
        public void Send(Span<byte> buffer, int length) => pc.SendRtp(buffer, length);
    }

    /// <summary>Toward the phone's latched address, unless it holds the call.</summary>
    private sealed class PhoneSink(MediaBridge bridge, TranscodingRelay relay) : IRtpPacketSink
    {
        public void Send(Span<byte> buffer, int length)
        {
            if (!bridge.phoneHeld && relay.SipLatch.Destination is { } destination)
            {
                bridge.SendToPhone(bridge.ports!.Rtp, buffer[..length], destination);
            }
        }
    }
}
