using System.Diagnostics.Metrics;

namespace SipCube.WebRtc;

/// <summary>The <c>SipCube.WebRtc</c> meter: peer connections by state, DTLS handshake durations, SRTP/SRTCP
/// packets that failed authentication or replay checks, and ICE consent timeouts. One instance per process,
/// handed to every connection through <see cref="WebRtcOptions.Metrics"/>.</summary>
/// <remarks>RFC 7675 §5.1 (consent expiry), RFC 5764 §4.1 (DTLS-SRTP handshake), RFC 3711 §3.3 (unprotect failures).</remarks>
public sealed class WebRtcMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "SipCube.WebRtc";

    private readonly UpDownCounter<long> connections;
    private readonly Histogram<double> handshake;
    private readonly Counter<long> decryptFailures;
    private readonly Counter<long> consentTimeouts;

    /// <summary>Creates the instruments from <paramref name="meterFactory"/>.</summary>
    public WebRtcMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        connections = meter.CreateUpDownCounter<long>("sipcube.webrtc.peer_connections", "{connection}", "Open peer connections, by state (closed ones are not counted).");
        handshake = meter.CreateHistogram<double>("sipcube.webrtc.dtls.handshake.duration", "s", "DTLS-SRTP handshake duration, by our DTLS role.");
        decryptFailures = meter.CreateCounter<long>("sipcube.webrtc.srtp.decrypt_failures", "{packet}", "SRTP/SRTCP packets dropped by authentication or replay checks, by packet kind.");
        consentTimeouts = meter.CreateCounter<long>("sipcube.webrtc.ice.consent_timeouts", "{timeout}", "Connections failed because ICE consent expired.");
    }

    internal void Opened(WebRtcConnectionState state) => connections.Add(1, State(state));

    /// <summary>Moves one connection from <paramref name="from"/> to <paramref name="to"/>; closed ones leave the gauge.</summary>
    internal void Moved(WebRtcConnectionState from, WebRtcConnectionState to)
    {
        connections.Add(-1, State(from));
        if (to != WebRtcConnectionState.Closed)
        {
            connections.Add(1, State(to));
        }
    }

    internal void HandshakeCompleted(TimeSpan duration, Dtls.DtlsRole role) =>
        handshake.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("dtls.role", role == Dtls.DtlsRole.Client ? "client" : "server"));

    internal void DecryptFailed(bool rtcp) =>
        decryptFailures.Add(1, new KeyValuePair<string, object?>("packet.kind", rtcp ? "rtcp" : "rtp"));

    internal void ConsentTimedOut() => consentTimeouts.Add(1);

    private static KeyValuePair<string, object?> State(WebRtcConnectionState state) => new("state", state switch
    {
        WebRtcConnectionState.New => "new",
        WebRtcConnectionState.Connecting => "connecting",
        WebRtcConnectionState.Connected => "connected",
        WebRtcConnectionState.Failed => "failed",
        _ => "closed",
    });
}
