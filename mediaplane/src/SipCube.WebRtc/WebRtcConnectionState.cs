namespace SipCube.WebRtc;

/// <summary>The peer connection's lifecycle.</summary>
/// <remarks>Mirrors the W3C RTCPeerConnectionState names; transitions:
/// <code>
/// New ──first valid ICE check──► Connecting ──DTLS keys──► Connected
///  │                                 │                        │
///  └──────────── DTLS failure / consent expiry ───────────────┴──► Failed     Dispose ──► Closed
/// </code></remarks>
public enum WebRtcConnectionState
{
    /// <summary>Created, no authenticated check yet.</summary>
    New,

    /// <summary>ICE checks answered, DTLS in progress.</summary>
    Connecting,

    /// <summary>SRTP keys in place: media flows.</summary>
    Connected,

    /// <summary>DTLS failed or consent expired.</summary>
    Failed,

    /// <summary>Disposed.</summary>
    Closed,
}
