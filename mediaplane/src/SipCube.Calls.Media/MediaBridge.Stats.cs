using SipCube.Calls.Ports;
using SipCube.Media.Quality;
using SipCube.Media.Relay;
using SipCube.WebRtc;

namespace SipCube.Calls.Media;

/// <summary>Per-leg counters for the CDR and the media timeout (a leg that stopped sending ends the call).</summary>
/// <remarks>RFC 3550 §6.4.1 (loss, jitter, RTT), ITU-T G.107 (MOS), RFC 7675 §5.1 (consent expiry).</remarks>
internal sealed partial class MediaBridge
{
    private ITimer? timer;
    private long answeredAt;

    /// <summary>Arrival of the last packet the phone's latched address sent (RTP of any negotiated or unknown
    /// type, comfort noise included); 0 before the first.</summary>
    private long lastSipMedia;

    /// <summary>Arrival of the last decrypted RTP packet from the browser; 0 before the first.</summary>
    private long lastAppMedia;
    private int timedOut;
    private int timeoutReports;

    /// <summary>The side reported as timed out, if any (tests).</summary>
    internal MediaSide? TimedOutSide { get; private set; }

    /// <summary>How many timeouts were reported (tests: at most one).</summary>
    internal int TimeoutReports => Volatile.Read(ref timeoutReports);

    public MediaBridgeStats GetStats()
    {
        var current = relay;
        var transcoded = transcoding;
        if ((current is null && transcoded is null) || peerConnection is not { } pc)
        {
            return MediaBridgeStats.Empty;
        }

        var sip = current?.SipStatistics ?? transcoded!.SipStatistics;
        var app = current?.AppStatistics ?? transcoded!.AppStatistics;
        var appRtt = pc.RoundTripTime?.TotalMilliseconds ?? app.RttMs;
        var appTotal = app.PacketsReceived + app.PacketsLost;
        var appLoss = appTotal == 0 ? 0 : 100.0 * app.PacketsLost / appTotal;
        return new MediaBridgeStats(
            new LegMediaStats
            {
                AudioCodec = codecName,
                PacketsSent = sip.PacketsSent,
                PacketsReceived = sip.PacketsReceived,
                PacketsLost = sip.PacketsLost,
                JitterMs = sip.JitterMs,
                RttMs = sip.RttMs,
                Mos = sip.Mos,
                LastReceivedUtc = ToUtc(Volatile.Read(ref lastSipMedia)),
            },
            new LegMediaStats
            {
                AudioCodec = appCodecName,
                PacketsSent = pc.RtpPacketsSent,
                PacketsReceived = app.PacketsReceived,
                PacketsLost = app.PacketsLost,
                JitterMs = app.JitterMs,
                RttMs = appRtt,
                Mos = EModel.EstimateMos(appCodecName, appLoss, app.JitterMs, appRtt),
                LastReceivedUtc = ToUtc(Volatile.Read(ref lastAppMedia)),
            });
    }

    private void StartTimeoutChecks() =>
        timer ??= time.CreateTimer(_ => CheckMedia(), null, options.MediaCheckInterval, options.MediaCheckInterval);

    /// <summary>Posts <see cref="CallEvent.MediaTimedOut"/> once: the phone sent no RTP, or the browser sent no RTP
    /// or lost consent / DTLS, for <see cref="MediaBridgeOptions.MediaTimeout"/> after the answer.</summary>
    private void CheckMedia()
    {
        if ((relay is null && transcoding is null) || Volatile.Read(ref timedOut) != 0 || Volatile.Read(ref disposed) != 0)
        {
            return;
        }

        if (!sipMayBeSilent && Silent(ref lastSipMedia))
        {
            ReportTimeout(MediaSide.Sip);
        }
        else if (peerConnection?.State == WebRtcConnectionState.Failed || Silent(ref lastAppMedia))
        {
            ReportTimeout(MediaSide.App);
        }
    }

    private void ReportTimeout(MediaSide side)
    {
        if (Interlocked.Exchange(ref timedOut, 1) != 0)
        {
            return;
        }

        TimedOutSide = side;
        Interlocked.Increment(ref timeoutReports);
        MediaBridgeLog.TimedOut(logger, callId, side);
        metrics?.TimedOut(side);
        sink.Post(new CallEvent.MediaTimedOut(side));
    }

    /// <summary>A leg that never sent counts from the answer.</summary>
    private bool Silent(ref long lastPacket) =>
        time.GetElapsedTime(Math.Max(Volatile.Read(ref lastPacket), answeredAt)) >= options.MediaTimeout;

    private DateTimeOffset? ToUtc(long timestamp) =>
        timestamp == 0 ? null : time.GetUtcNow() - time.GetElapsedTime(timestamp);
}
