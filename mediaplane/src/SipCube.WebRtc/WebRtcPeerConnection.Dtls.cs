using SipCube.Dtls;
using SipCube.Srtp;

namespace SipCube.WebRtc;

/// <summary>Starting DTLS once ICE has an authenticated peer address and the remote description is known.</summary>
/// <remarks>RFC 8842 §5: the client starts when ICE is ready; the server waits for the ClientHello. Records
/// arriving before we can create the association (the peer's description may come late) are kept and replayed.</remarks>
public sealed partial class WebRtcPeerConnection
{
    private const int MaxEarlyDtls = 32;

    private void OnNominated(System.Net.IPEndPoint endPoint)
    {
        WebRtcLog.IceRemote(logger, endPoint, true);
        remoteAddress = endPoint.Serialize();
        TryStartDtls();
    }

    private void OnIceValidated()
    {
        if (State == WebRtcConnectionState.New)
        {
            SetState(WebRtcConnectionState.Connecting);
        }

        if (ice.RemoteEndPoint is { } ep && remoteAddress is null)
        {
            WebRtcLog.IceRemote(logger, ep, false);
            remoteAddress = ep.Serialize();
            TryStartDtls();
        }
    }

    private void QueueEarlyDtls(ReadOnlySpan<byte> datagram)
    {
        lock (gate)
        {
            if (dtls is not null)
            {
                dtls.Deliver(datagram);
            }
            else if (earlyDtls.Count < MaxEarlyDtls)
            {
                earlyDtls.Add(datagram.ToArray());
            }
        }
    }

    private void TryStartDtls()
    {
        DtlsSrtpTransport started;
        lock (gate)
        {
            if (dtls is not null || remote is null || dtlsRole is not { } role || stop.IsCancellationRequested)
            {
                return;
            }

            if (role == Dtls.DtlsRole.Client && remoteAddress is null)
            {
                return;
            }

            WebRtcLog.DtlsStarting(logger, role);
            var dtlsOptions = new DtlsSrtpTransportOptions
            {
                Certificate = options.Certificate,
                Role = role,
                RemoteFingerprint = remote.Fingerprint,
                Profiles = options.SrtpProfiles,
            };
            dtls = started = new DtlsSrtpTransport(dtlsOptions, SendDtls, options.TimeProvider, options.LoggerFactory?.CreateLogger("SipCube.Dtls"));
            earlyDtls.ForEach(d => started.Deliver(d));
            earlyDtls.Clear();
        }

        started.StartHandshake().ContinueWith(OnHandshakeDone, TaskScheduler.Default);
    }

    private void SendDtls(ReadOnlyMemory<byte> datagram)
    {
        if (remoteAddress is { } address && !stop.IsCancellationRequested)
        {
            try
            {
                socket.SendTo(datagram.Span, System.Net.Sockets.SocketFlags.None, address);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                WebRtcLog.ReceiveError(logger, ex.Message);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private void OnHandshakeDone(Task<DtlsSrtpKeys> task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            if (!stop.IsCancellationRequested)
            {
                Fail("DTLS handshake failed: " + task.Exception?.InnerException?.Message);
            }

            return;
        }

        var keys = task.Result;
        var profile = (SrtpProfile)(int)keys.Profile;
        lock (sendGate)
        {
            if (stop.IsCancellationRequested)
            {
                return;
            }

            srtpIn = new SrtpContext(profile, keys.RemoteMasterKey, keys.RemoteMasterSalt);
            srtpOut = new SrtpContext(profile, keys.LocalMasterKey, keys.LocalMasterSalt);
        }

        lock (gate)
        {
            var interval = options.RtcpInterval;
            rtcpTimer = options.TimeProvider.CreateTimer(_ => SendReport(), null, interval, interval);
        }

        if (dtls?.HandshakeDuration is { } duration && dtlsRole is { } role)
        {
            options.Metrics?.HandshakeCompleted(duration, role);
        }

        SetState(WebRtcConnectionState.Connected);
        connected.TrySetResult();
    }
}
