using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Dtls;
using SipCube.Sdp;
using SipCube.Srtp;
using SipCube.Stun.IceLite;

namespace SipCube.WebRtc;

/// <summary>
/// One WebRTC peer connection terminated on this node: a single UDP port bound to a specific address, carrying
/// STUN (ICE-lite), DTLS and SRTP/SRTCP for every bundled m-line (RFC 7983 demux, rtcp-mux, BUNDLE). Works as
/// offerer and answerer. Media callbacks get decrypted packets; <see cref="SendRtp"/> protects in place.
/// No media is sent or accepted before the DTLS handshake has produced the SRTP keys.
/// </summary>
/// <remarks>RFC 8829 (JSEP), RFC 8445 §2.5 (ICE-lite), RFC 5764 (DTLS-SRTP), RFC 8843 (BUNDLE), RFC 5761 (rtcp-mux)</remarks>
public sealed partial class WebRtcPeerConnection : IDisposable
{
    private readonly WebRtcOptions options;
    private readonly Socket socket;
    private readonly IceLiteAgent ice;
    private readonly ILogger logger;
    private readonly RtcpReporter rtcp;
    private readonly WebRtcSdpBuilder sdpBuilder;
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly Lock sendGate = new();
    private readonly List<byte[]> earlyDtls = [];
    private readonly TaskCompletionSource connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly uint audioSsrc = RandomSsrc();
    private readonly uint videoSsrc = RandomSsrc();
    private IReadOnlyList<LocalMedia> media = [];
    private SessionDescription? remoteOffer;
    private bool offered;
    private RemoteParameters? remote;
    private DtlsRole? dtlsRole;
    private DtlsSrtpTransport? dtls;
    private SrtpContext? srtpOut;
    private SrtpContext? srtpIn;
    private SocketAddress? remoteAddress;
    private ITimer? rtcpTimer;
    private long rtpReceived;
    private long rtpSent;
    private long decryptFailures;

    private WebRtcPeerConnection(WebRtcOptions options, Socket socket)
    {
        this.options = options;
        this.socket = socket;
        logger = options.LoggerFactory?.CreateLogger("SipCube.WebRtc") ?? NullLogger.Instance;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        ice = new IceLiteAgent(IceCredentials.Generate(), options.TimeProvider, options.ConsentTimeout);
        ice.Nominated += OnNominated;
        ice.ConsentExpired += () =>
        {
            options.Metrics?.ConsentTimedOut();
            Fail("ICE consent expired");
        };
        var cname = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        rtcp = new RtcpReporter(options.TimeProvider, cname);
        var addresses = options.AdvertisedAddresses.Count > 0 ? options.AdvertisedAddresses : [options.BindAddress];
        var candidates = addresses.Select((a, i) => IceHostCandidate.Create(a, LocalEndPoint.Port, i)).ToList();
        sdpBuilder = new WebRtcSdpBuilder(options, ice.Local, candidates, cname, Guid.NewGuid().ToString("N")[..16]);
        options.Metrics?.Opened(State);
    }

    /// <summary>Raised on every state change (from a socket or timer thread).</summary>
    public event Action<WebRtcConnectionState>? StateChanged;

    /// <summary>Called with each decrypted RTP packet, on the receive thread.</summary>
    public WebRtcPacketHandler? RtpReceived { get; set; }

    /// <summary>Called with each decrypted RTCP compound packet, on the receive thread.</summary>
    public WebRtcPacketHandler? RtcpReceived { get; set; }

    /// <summary>The current state.</summary>
    public WebRtcConnectionState State { get; private set; }

    /// <summary>The bound address and port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Our m-lines as negotiated (kind, mid, SSRC, agreed formats with the peer's payload types).</summary>
    public IReadOnlyList<LocalMedia> Media => media;

    /// <summary>Our DTLS role, once known.</summary>
    public DtlsRole? DtlsRole => dtlsRole;

    /// <summary>The DTLS handshake time, once connected.</summary>
    public TimeSpan? DtlsHandshakeDuration => dtls?.HandshakeDuration;

    /// <summary>The negotiated SRTP profile, once connected.</summary>
    public SrtpProfile? SrtpProfile => srtpOut?.Profile;

    /// <summary>The RTT from the peer's reports about our SR, or null.</summary>
    public TimeSpan? RoundTripTime => rtcp.RoundTripTime;

    /// <summary>RTP packets received and decrypted.</summary>
    public long RtpPacketsReceived => Interlocked.Read(ref rtpReceived);

    /// <summary>RTP packets sent.</summary>
    public long RtpPacketsSent => Interlocked.Read(ref rtpSent);

    /// <summary>SRTP/SRTCP packets that failed authentication or replay checks.</summary>
    public long DecryptFailures => Interlocked.Read(ref decryptFailures);

    /// <summary>Where the peer is (the nominated or latest authenticated ICE address), or null.</summary>
    public IPEndPoint? RemoteEndPoint => ice.RemoteEndPoint;

    /// <summary>Binds a socket in the configured range and starts receiving.</summary>
    public static WebRtcPeerConnection Create(WebRtcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BindAddress.Equals(IPAddress.Any) || options.BindAddress.Equals(IPAddress.IPv6Any))
        {
            throw new ArgumentException("bind a specific address, never a wildcard", nameof(options));
        }

        var pc = new WebRtcPeerConnection(options, PortBinder.Bind(options.BindAddress, options.PortMin, options.PortMax));
        WebRtcLog.Bound(pc.logger, pc.LocalEndPoint);
        _ = pc.ReceiveLoopAsync();
        return pc;
    }

    /// <summary>Completes when media can flow; faults when the connection fails.</summary>
    public Task WaitConnectedAsync(CancellationToken cancellationToken = default) => connected.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        stop.Cancel();
        lock (gate)
        {
            rtcpTimer?.Dispose();
            dtls?.Dispose();
        }

        socket.Dispose();
        ice.Dispose();
        lock (sendGate)
        {
            srtpOut?.Dispose();
            srtpIn?.Dispose();
        }

        SetState(WebRtcConnectionState.Closed);
        connected.TrySetException(new ObjectDisposedException(nameof(WebRtcPeerConnection)));
        stop.Dispose();
    }

    private static uint RandomSsrc() => BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)) | 1;

    private void SetState(WebRtcConnectionState state)
    {
        WebRtcConnectionState previous;
        lock (gate)
        {
            if (State == state || State is WebRtcConnectionState.Closed || (State == WebRtcConnectionState.Failed && state != WebRtcConnectionState.Closed))
            {
                return;
            }

            previous = State;
            State = state;
        }

        options.Metrics?.Moved(previous, state);

        WebRtcLog.State(logger, state);
        StateChanged?.Invoke(state);
    }

    private void Fail(string reason)
    {
        WebRtcLog.DtlsFailed(logger, reason);
        SetState(WebRtcConnectionState.Failed);
        connected.TrySetException(new InvalidOperationException(reason));
    }
}
