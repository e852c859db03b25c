using System.Net;
using System.Net.Sockets;
using SipCube.Calls.Ports;
using SipCube.Media.Relay;
using SipCube.WebRtc;

namespace SipCube.Calls.Media;

/// <summary>
/// The packet paths. Phone RTP arrives on the RTP socket's receive loop, passes the latch (RTP-bleed guard), is
/// counted and re-framed in place by the relay and protected in place by the peer connection (which sends nothing
/// before DTLS has produced keys). Browser RTP arrives decrypted on the peer connection's thread, is copied into this
/// bridge's buffer, re-framed and sent to the phone's latched address. No allocation per packet on either path.
/// </summary>
/// <remarks>RFC 3550 §11 and RFC 5761 §4 (RTCP on port + 1 or muxed), RFC 4961 (symmetric RTP), RFC 7362 §4.</remarks>
internal sealed partial class MediaBridge
{
    /// <summary>Receive buffers leave room after the packet for the SRTP tag the protect step appends.</summary>
    private const int BufferSize = 2048;
    private const int MaxPacket = BufferSize - 64;

    private readonly CancellationTokenSource stop = new();
    private readonly Lock rtcpGate = new();
    private readonly byte[] appRtpBuffer = GC.AllocateArray<byte>(BufferSize, pinned: true);
    private readonly byte[] appRtcpBuffer = GC.AllocateArray<byte>(BufferSize, pinned: true);
    private RtpPortPair? ports;
    private WebRtcPeerConnection? peerConnection;
    private volatile RtpRelay? relay;
    private SocketAddress? phoneRtcp;
    private bool rtcpMux;
    private string? codecName;
    private string? appCodecName;
    private string? transcodedPair;
    private volatile bool phoneHeld;
    private Task? rtpLoop;
    private Task? rtcpLoop;
    private int disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stop.CancelAsync();
        timer?.Dispose();
        if (peerConnection is { } pc)
        {
            pc.RtpReceived = null;
            pc.RtcpReceived = null;
            pc.StateChanged -= OnWebRtcState;
            pc.Dispose();
        }

        if (ports is not null)
        {
            ports.Dispose();
            metrics?.Closed();
        }

        var loops = new[] { rtpLoop, rtcpLoop }.OfType<Task>().ToArray();
        try
        {
            await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is TimeoutException or SocketException or ObjectDisposedException)
        {
            // The sockets are closed; a loop that has not noticed yet ends on its own.
        }

        if (transcoding is { } transcoded)
        {
            transcoding = null;
            transcoded.Dispose();
            metrics?.TranscodingStopped(transcodedPair!);
        }

        stop.Dispose();
    }

    /// <summary>Relays one datagram from the phone's RTP port (RTP, or RTCP when muxed). Internal for the
    /// allocation test; the receive loop calls it.</summary>
    internal void FromPhone(byte[] buffer, int length, SocketAddress source, long arrival)
    {
        if (length < 2)
        {
            return;
        }

        var current = relay;
        if (current is null)
        {
            if (transcoding is { } transcoded && buffer[1] is < 192 or > 223)
            {
                FromPhoneTranscoded(transcoded, buffer, length, source, arrival);
            }

            return;
        }

        var packet = buffer.AsSpan(0, length);
        if (packet[1] is >= 192 and <= 223)
        {
            FromPhoneRtcp(current, buffer, length, source, arrival);
            return;
        }

        var result = current.FromSip(packet, source, arrival);
        if (result is RelayResult.UnexpectedSource or RelayResult.Malformed)
        {
            return;
        }

        Volatile.Write(ref lastSipMedia, arrival);
        if (result == RelayResult.Forwarded)
        {
            var audio = (buffer[1] & 0x7F) != appEventFormat?.PayloadType;
            var timestamp = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
            peerConnection!.SendRtp(buffer, length);
            if (audio)
            {
                InjectTowardApp(current, timestamp, arrival);
            }

            CountPhoneDigits(current.SipDtmf.DigitsCompleted);
        }
    }

    /// <summary>Relays one decrypted RTP packet from the browser to the phone.</summary>
    internal void FromApp(ReadOnlySpan<byte> plain)
    {
        var current = relay;
        if (current is null || plain.Length > MaxPacket)
        {
            if (current is null && transcoding is { } transcoded)
            {
                FromAppTranscoded(transcoded, plain);
            }

            return;
        }

        var arrival = time.GetTimestamp();
        Volatile.Write(ref lastAppMedia, arrival);
        plain.CopyTo(appRtpBuffer);
        var packet = appRtpBuffer.AsSpan(0, plain.Length);
        if (current.FromApp(packet, arrival) == RelayResult.Forwarded && !phoneHeld && current.SipLatch.Destination is { } destination)
        {
            SendToPhone(ports!.Rtp, packet, destination);
        }

        CountAppDigits(current.AppDtmf.DigitsCompleted);
    }

    private WebRtcPeerConnection Open(IReadOnlyList<BridgeCodec> audio)
    {
        if (peerConnection is { } existing)
        {
            return existing;
        }

        RtpPortPair pair;
        try
        {
            pair = RtpPortPair.Bind(options.SipBindAddress, options.SipPortMin, options.SipPortMax);
        }
        catch (SocketException)
        {
            metrics?.PortsExhausted();
            throw;
        }

        WebRtcPeerConnection pc;
        try
        {
            pc = WebRtcPeerConnection.Create(new WebRtcOptions
            {
                BindAddress = options.WebRtcBindAddress,
                AdvertisedAddresses = options.WebRtcAdvertisedAddresses,
                PortMin = options.WebRtcPortMin,
                PortMax = options.WebRtcPortMax,
                Certificate = certificate,
                AudioCodecs = audio.Select(c => c.ToWebRtcCodec()).ToList(),
                ConsentTimeout = options.MediaTimeout,
                TimeProvider = time,
                LoggerFactory = loggerFactory,
            });
        }
        catch (Exception ex)
        {
            pair.Dispose();
            if (ex is SocketException)
            {
                metrics?.PortsExhausted();
            }

            throw;
        }

        ports = pair;
        metrics?.Opened();
        peerConnection = pc;
        pc.RtpReceived = FromApp;
        pc.RtcpReceived = FromAppRtcp;
        pc.StateChanged += OnWebRtcState;
        rtpLoop = ReceiveLoopAsync(pair.Rtp, rtcpOnly: false);
        rtcpLoop = ReceiveLoopAsync(pair.Rtcp, rtcpOnly: true);
        MediaBridgeLog.Bound(logger, callId, (IPEndPoint)pair.Rtp.LocalEndPoint!, pc.LocalEndPoint);
        return pc;
    }

    private void StartRelay(List<BridgeCodec> sip, List<BridgeCodec> app, PhoneAudio phone, (ushort, uint)? continuation = null)
    {
        var audioSsrc = peerConnection!.Media.FirstOrDefault(m => m.Kind == "audio")?.Ssrc;
        var started = new RtpRelay(
            new RtpRelayOptions
            {
                SipCodecs = sip.Select(c => c.ToRtpCodec()).ToList(),
                AppCodecs = app.Select(c => c.ToRtpCodec()).ToList(),
                AppSsrc = audioSsrc,
                AppContinuation = continuation,
                LatchWindow = options.LatchWindow,
            },
            time.TimestampFrequency);
        if (phone.Rtp is { } signalled)
        {
            started.SipLatch.SetSignalled(signalled);
        }

        var now = time.GetTimestamp();
        started.SipLatch.Open(now);
        rtcpMux = phone.RtcpMux;
        phoneRtcp = phone.RtcpMux ? null : phone.Rtcp?.Serialize();
        codecName = sip[0].Name;
        appCodecName = app[0].Name;
        phoneFormats = sip;
        appFormats = app;
        answeredAt = now;
        relay = started;
        StartTimeoutChecks();
        metrics?.Relaying(codecName);
        MediaBridgeLog.Relaying(logger, callId, codecName, sip[0].PayloadType, app[0].PayloadType, rtcpMux);
    }

    private async Task ReceiveLoopAsync(Socket socket, bool rtcpOnly)
    {
        var buffer = GC.AllocateArray<byte>(BufferSize, pinned: true);
        var source = new SocketAddress(socket.AddressFamily);
        var token = stop.Token;
        while (!token.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await socket.ReceiveFromAsync(buffer.AsMemory(0, MaxPacket), SocketFlags.None, source, token);
            }
            catch (SocketException ex)
            {
                // An ICMP error from an earlier send surfaces here on Linux; keep receiving.
                MediaBridgeLog.ReceiveError(logger, callId, ex.SocketErrorCode.ToString());
                continue;
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            var arrival = time.GetTimestamp();
            try
            {
                if (rtcpOnly)
                {
                    if (relay is { } current && length >= 8)
                    {
                        FromPhoneRtcp(current, buffer, length, source, arrival);
                    }
                }
                else
                {
                    FromPhone(buffer, length, source, arrival);
                }
            }
            catch (ObjectDisposedException)
            {
                // The bridge is being disposed while this packet was on its way out.
                return;
            }
        }
    }

    /// <summary>Phone RTCP is translated (which measures the phone leg's RTT from its report blocks) but not
    /// forwarded: the peer connection sends the browser its own SR/RR, and a second report stream under the same SSRC
    /// would give the browser two conflicting views.</summary>
    private void FromPhoneRtcp(RtpRelay current, byte[] buffer, int length, SocketAddress source, long arrival)
    {
        if (current.SipLatch.Destination is not { } rtp || !SameHost(rtp, source))
        {
            return;
        }

        lock (rtcpGate)
        {
            if (!rtcpMux && (phoneRtcp is null || !phoneRtcp.Equals(source)))
            {
                // Symmetric RTCP: answer where the phone's reports come from (a NAT may have moved its port).
                var copy = new SocketAddress(source.Family, source.Size);
                source.Buffer.Span.CopyTo(copy.Buffer.Span);
                phoneRtcp = copy;
            }

            current.RtcpFromSip(buffer, length, arrival, out _);
        }
    }

    private void FromAppRtcp(ReadOnlySpan<byte> plain)
    {
        var current = relay;
        if (current is null || plain.Length > MaxPacket)
        {
            return;
        }

        lock (rtcpGate)
        {
            plain.CopyTo(appRtcpBuffer);
            if (current.RtcpFromApp(appRtcpBuffer, plain.Length, time.GetTimestamp(), out var length) != RelayResult.Forwarded)
            {
                return;
            }

            var destination = rtcpMux ? current.SipLatch.Destination : phoneRtcp;
            if (destination is not null)
            {
                SendToPhone(rtcpMux ? ports!.Rtp : ports!.Rtcp, appRtcpBuffer.AsSpan(0, length), destination);
            }
        }
    }

    private void SendToPhone(Socket socket, ReadOnlySpan<byte> datagram, SocketAddress destination)
    {
        try
        {
            socket.SendTo(datagram, SocketFlags.None, destination);
        }
        catch (SocketException ex)
        {
            MediaBridgeLog.ReceiveError(logger, callId, ex.SocketErrorCode.ToString());
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void OnWebRtcState(WebRtcConnectionState state) => MediaBridgeLog.WebRtcState(logger, callId, state);

    /// <summary>Same IP address, any port (SocketAddress: family 2 bytes, port 2 bytes, then the address).</summary>
    private static bool SameHost(SocketAddress a, SocketAddress b)
    {
        if (a.Family != b.Family || a.Size != b.Size)
        {
            return false;
        }

        var (offset, count) = a.Family == AddressFamily.InterNetwork ? (4, 4) : (8, 16);
        return a.Buffer.Span.Slice(offset, count).SequenceEqual(b.Buffer.Span.Slice(offset, count));
    }
}
