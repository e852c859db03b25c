using System.Net;
using Microsoft.Extensions.Logging;
using SipCube.Dtls;
using SipCube.Sdp;

namespace SipCube.WebRtc;

/// <summary>Settings for <see cref="WebRtcPeerConnection"/>.</summary>
public sealed class WebRtcOptions
{
    /// <summary>The local address to bind (never a wildcard: answers must leave from the address we advertise).</summary>
    public required IPAddress BindAddress { get; init; }

    /// <summary>Addresses advertised as host candidates (public first), default the bind address.</summary>
    public IReadOnlyList<IPAddress> AdvertisedAddresses { get; init; } = [];

    /// <summary>Lowest media port (0 with <see cref="PortMax"/> 0 = let the OS pick).</summary>
    public int PortMin { get; init; }

    /// <summary>Highest media port.</summary>
    public int PortMax { get; init; }

    /// <summary>The node's DTLS certificate.</summary>
    public required DtlsCertificate Certificate { get; init; }

    /// <summary>SRTP profiles for use_srtp, most preferred first.</summary>
    public IReadOnlyList<DtlsSrtpProfile> SrtpProfiles { get; init; } = [DtlsSrtpProfile.AeadAes128Gcm, DtlsSrtpProfile.Aes128CmHmacSha1_80];

    /// <summary>Audio formats in preference order (telephone-event is added when offered).</summary>
    public IReadOnlyList<WebRtcCodec> AudioCodecs { get; init; } = [WebRtcCodec.Opus, WebRtcCodec.Pcmu, WebRtcCodec.Pcma];

    /// <summary>Video formats (empty = no video m-line in offers, video rejected in answers).</summary>
    public IReadOnlyList<WebRtcCodec> VideoCodecs { get; init; } = [];

    /// <summary>Our a=setup when answering (active = we are the DTLS client, RFC 8842 §5.3 recommends it).</summary>
    public SdpSetup AnswerSetup { get; init; } = SdpSetup.Active;

    /// <summary>RFC 7675 consent timeout.</summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Interval of our RTCP reports (RFC 3550 §6.2 minimum is 5 s; WebRTC uses shorter, RFC 8108).</summary>
    public TimeSpan RtcpInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Clock for timers.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Meter instruments shared by all connections, optional.</summary>
    public WebRtcMetrics? Metrics { get; init; }

    /// <summary>Logger factory, optional.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
