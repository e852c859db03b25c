using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using SipCube.Srtp;
using SipCube.Stun;
using SipCube.Stun.IceLite;

namespace SipCube.WebRtc;

/// <summary>The receive loop (demux by first byte) and the SRTP send path.</summary>
/// <remarks>RFC 7983 §7, RFC 3711 §3.3-§3.4; media from any address other than the ICE-authenticated one is dropped.</remarks>
public sealed partial class WebRtcPeerConnection
{
    private const int ReceiveBufferSize = 2048;
    private readonly byte[] reportBuffer = new byte[512];
    private SocketAddress? cachedAddress;
    private IPEndPoint? cachedEndPoint;

    /// <summary>
    /// Protects the plain RTP packet in <paramref name="buffer"/> (first <paramref name="length"/> bytes) in place and
    /// sends it. The buffer needs the profile's tag space after the packet (16 bytes covers every profile).
    /// False before the connection is up.
    /// </summary>
    public bool SendRtp(Span<byte> buffer, int length)
    {
        if (length < 12 || remoteAddress is not { } address)
        {
            return false;
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
        var headerLength = 12 + (4 * (buffer[0] & 0x0F));
        lock (sendGate)
        {
            if (srtpOut is null)
            {
                return false;
            }

            if (ssrc == audioSsrc)
            {
                rtcp.OnRtpSent(buffer[..length], headerLength, ClockRateOf(ssrc));
            }

            if (!srtpOut.TryProtectRtp(buffer, length, out var protectedLength))
            {
                return false;
            }

            Send(buffer[..protectedLength], address);
        }

        Interlocked.Increment(ref rtpSent);
        return true;
    }

    /// <summary>Protects and sends a plain RTCP compound packet (needs 4 + tag bytes of spare room).</summary>
    public bool SendRtcp(Span<byte> buffer, int length)
    {
        if (remoteAddress is not { } address)
        {
            return false;
        }

        lock (sendGate)
        {
            if (srtpOut is null || !srtpOut.TryProtectRtcp(buffer, length, out var protectedLength))
            {
                return false;
            }

            Send(buffer[..protectedLength], address);
            return true;
        }
    }

    private void SendReport()
    {
        lock (sendGate)
        {
            var length = rtcp.WriteReport(reportBuffer, audioSsrc);
            if (srtpOut is not null && remoteAddress is { } address && srtpOut.TryProtectRtcp(reportBuffer, length, out var protectedLength))
            {
                Send(reportBuffer.AsSpan(0, protectedLength), address);
            }
        }
    }

    private void Send(ReadOnlySpan<byte> datagram, SocketAddress address)
    {
        try
        {
            socket.SendTo(datagram, SocketFlags.None, address);
        }
        catch (SocketException ex)
        {
            WebRtcLog.ReceiveError(logger, ex.Message);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = GC.AllocateArray<byte>(ReceiveBufferSize, pinned: true);
        var from = new SocketAddress(socket.AddressFamily);
        var token = stop.Token;
        while (!token.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await socket.ReceiveFromAsync(buffer, SocketFlags.None, from, token);
            }
            catch (SocketException ex)
            {
                // An ICMP error from an earlier send surfaces here on Linux; keep receiving.
                WebRtcLog.ReceiveError(logger, ex.Message);
                continue;
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            Handle(buffer.AsSpan(0, n), from);
        }
    }

    private void Handle(Span<byte> datagram, SocketAddress from)
    {
        switch (PacketDemux.Classify(datagram))
        {
            case DatagramKind.Stun:
                HandleStun(datagram, from);
                break;
            case DatagramKind.Dtls when from.Equals(remoteAddress):
                QueueEarlyDtls(datagram);
                break;
            case DatagramKind.Rtp when from.Equals(remoteAddress):
                HandleRtp(datagram);
                break;
            case DatagramKind.Rtcp when from.Equals(remoteAddress):
                HandleRtcp(datagram);
                break;
        }
    }

    private void HandleStun(Span<byte> datagram, SocketAddress from)
    {
        Span<byte> response = stackalloc byte[256];
        var outcome = ice.HandleDatagram(datagram, EndPointFor(from), response, out var length);
        if (length > 0)
        {
            Send(response[..length], from);
        }

        if (outcome is IceCheckOutcome.Answered or IceCheckOutcome.Nominated)
        {
            OnIceValidated();
        }
    }

    private void HandleRtp(Span<byte> datagram)
    {
        var context = srtpIn;
        if (context is null)
        {
            return;
        }

        var result = context.UnprotectRtp(datagram, datagram.Length, out var plainLength);
        if (result != SrtpResult.Ok)
        {
            Interlocked.Increment(ref decryptFailures);
            options.Metrics?.DecryptFailed(rtcp: false);
            return;
        }

        var plain = datagram[..plainLength];
        Interlocked.Increment(ref rtpReceived);
        rtcp.OnRtpReceived(plain, ClockRateOf(audioSsrc));
        RtpReceived?.Invoke(plain);
    }

    private void HandleRtcp(Span<byte> datagram)
    {
        var context = srtpIn;
        if (context is null)
        {
            return;
        }

        if (context.UnprotectRtcp(datagram, datagram.Length, out var plainLength) != SrtpResult.Ok)
        {
            Interlocked.Increment(ref decryptFailures);
            options.Metrics?.DecryptFailed(rtcp: true);
            return;
        }

        var plain = datagram[..plainLength];
        rtcp.OnRtcpReceived(plain);
        RtcpReceived?.Invoke(plain);
    }

    private IPEndPoint EndPointFor(SocketAddress from)
    {
        if (cachedEndPoint is not null && from.Equals(cachedAddress))
        {
            return cachedEndPoint;
        }

        var copy = new SocketAddress(from.Family, from.Size);
        from.Buffer.CopyTo(copy.Buffer);
        cachedAddress = copy;
        cachedEndPoint = (IPEndPoint)LocalEndPoint.Create(copy);
        return cachedEndPoint;
    }
}
