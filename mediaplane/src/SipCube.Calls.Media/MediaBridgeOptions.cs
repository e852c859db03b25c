using System.Net;

namespace SipCube.Calls.Media;

/// <summary>Settings of the media bridges of one node (one <see cref="MediaBridgeFactory"/>).</summary>
/// <remarks>RFC 3550 §11 (RTP/RTCP port pairs), RFC 7675 (consent freshness), RFC 7362 §4 (latching).</remarks>
public sealed class MediaBridgeOptions
{
    /// <summary>Local address of the phone-side RTP sockets: a concrete address, never a wildcard, so RTP leaves from
    /// the address the phone was told.</summary>
    public required IPAddress SipBindAddress { get; init; }

    /// <summary>Address written into SDP for phones (the public address behind a 1:1 NAT); default
    /// <see cref="SipBindAddress"/>.</summary>
    public IPAddress? SipAdvertisedAddress { get; init; }

    /// <summary>Lowest phone-side RTP port (even; RTCP uses the next odd one). 0 with <see cref="SipPortMax"/> 0 lets
    /// the OS pick.</summary>
    public int SipPortMin { get; init; }

    /// <summary>Highest phone-side port.</summary>
    public int SipPortMax { get; init; }

    /// <summary>Local address of the WebRTC sockets (concrete, never a wildcard).</summary>
    public required IPAddress WebRtcBindAddress { get; init; }

    /// <summary>Addresses advertised as ICE host candidates to apps, public first; default the bind address.</summary>
    public IReadOnlyList<IPAddress> WebRtcAdvertisedAddresses { get; init; } = [];

    /// <summary>Lowest WebRTC port (0 with <see cref="WebRtcPortMax"/> 0 lets the OS pick).</summary>
    public int WebRtcPortMin { get; init; }

    /// <summary>Highest WebRTC port.</summary>
    public int WebRtcPortMax { get; init; }

    /// <summary>After the answer, a leg with no RTP (or, for the app, no ICE consent) for this long is reported as
    /// <see cref="CallEvent.MediaTimedOut"/>. Also the app leg's RFC 7675 consent timeout.</summary>
    public TimeSpan MediaTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the media timeout is checked.</summary>
    public TimeSpan MediaCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long after the answer a NATed phone may be latched from an address its SDP did not show.</summary>
    public TimeSpan LatchWindow { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Opus encoder complexity (0-10) of transcoded calls: lower is cheaper per call; voice at 1-3 is
    /// close to the quality of 10 at a third of the CPU.</summary>
    public int OpusComplexity { get; init; } = 3;
}
