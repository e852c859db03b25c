using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SipCube.Dtls;
using SipCube.Sdp;
using SipCube.Srtp;
using SipCube.Stun;

namespace SipCube.WebRtc.Tests;

/// <summary>
/// A scripted full-ICE controlling peer on a loopback socket: sends authenticated checks, runs DTLS as the
/// client (it answers setup:active) and protects/unprotects SRTP, so the endpoint can be tested without a browser.
/// </summary>
internal sealed class FakeBrowser : IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly DtlsCertificate certificate = DtlsCertificate.Generate(TimeProvider.System);
    private readonly IPEndPoint target;
    private readonly CancellationTokenSource stop = new();
    private readonly Thread pump;
    private DtlsSrtpTransport? dtls;
    private SrtpContext? srtpOut;
    private SrtpContext? srtpIn;

    public FakeBrowser(IPEndPoint target)
    {
        this.target = target;
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        pump = new Thread(Pump) { IsBackground = true };
        pump.Start();
    }

    public ConcurrentQueue<byte[]> ReceivedRtp { get; } = new();

    public IPEndPoint LocalEndPoint => (IPEndPoint)socket.LocalEndPoint!;

    public ConcurrentQueue<byte[]> StunResponses { get; } = new();

    public SessionDescription Answer(SessionDescription offer)
    {
        var sdp = new SessionDescription(SdpOrigin.Create());
        sdp.Add("group", "BUNDLE 0");
        var m = new MediaDescription("audio", 9, "UDP/TLS/RTP/SAVPF", ["111"]);
        m.Add("ice-ufrag", "fake").Add("ice-pwd", "fakefakefakefakefakefake").Add("fingerprint", "sha-256 " + certificate.Fingerprint)
            .Add("setup", "active").Add("mid", "0").Add("rtcp-mux").Add("rtpmap", "111 opus/48000/2");
        sdp.Media.Add(m);
        var ours = offer.Media[0];
        dtls = new DtlsSrtpTransport(
            new DtlsSrtpTransportOptions
            {
                Certificate = certificate,
                Role = DtlsRole.Client,
                RemoteFingerprint = ours.GetAttribute("fingerprint")!.Split(' ')[1],
            },
            d => socket.SendTo(d.Span, SocketFlags.None, target));
        Ufrag = ours.GetAttribute("ice-ufrag")!;
        Password = ours.GetAttribute("ice-pwd")!;
        return sdp;
    }

    public string Ufrag { get; private set; } = string.Empty;

    public string Password { get; private set; } = string.Empty;

    public void SendCheck(bool useCandidate, string? password = null)
    {
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, Guid.NewGuid().ToByteArray().AsSpan(0, 12));
        writer.AddText(StunAttributeType.Username, Ufrag + ":fake");
        writer.AddUInt32(StunAttributeType.Priority, 0x6E0001FF);
        writer.AddUInt64(StunAttributeType.IceControlling, 7);
        if (useCandidate)
        {
            writer.AddFlag(StunAttributeType.UseCandidate);
        }

        writer.AddMessageIntegrity(Encoding.UTF8.GetBytes(password ?? Password));
        writer.AddFingerprint();
        socket.SendTo(buffer.AsSpan(0, writer.Length), SocketFlags.None, target);
    }

    public async Task ConnectDtlsAsync(TimeSpan timeout)
    {
        var keys = await dtls!.StartHandshake().WaitAsync(timeout);
        var profile = (SrtpProfile)(int)keys.Profile;
        srtpIn = new SrtpContext(profile, keys.RemoteMasterKey, keys.RemoteMasterSalt);
        srtpOut = new SrtpContext(profile, keys.LocalMasterKey, keys.LocalMasterSalt);
    }

    public byte[] Protect(byte[] plainRtp)
    {
        var buffer = new byte[plainRtp.Length + 32];
        plainRtp.CopyTo(buffer, 0);
        Assert.True(srtpOut!.TryProtectRtp(buffer, plainRtp.Length, out var n));
        return buffer[..n];
    }

    public void Send(byte[] datagram) => socket.SendTo(datagram, SocketFlags.None, target);

    public void Dispose()
    {
        stop.Cancel();
        socket.Dispose();
        dtls?.Dispose();
        srtpIn?.Dispose();
        srtpOut?.Dispose();
    }

    private void Pump()
    {
        var buffer = new byte[2048];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        while (!stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = socket.ReceiveFrom(buffer, ref from);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            var datagram = buffer.AsSpan(0, n);
            switch (PacketDemux.Classify(datagram))
            {
                case DatagramKind.Stun:
                    StunResponses.Enqueue(datagram.ToArray());
                    break;
                case DatagramKind.Dtls:
                    dtls?.Deliver(datagram);
                    break;
                case DatagramKind.Rtp when srtpIn is not null:
                    if (srtpIn.UnprotectRtp(datagram, n, out var plain) == SrtpResult.Ok)
                    {
                        ReceivedRtp.Enqueue(datagram[..plain].ToArray());
                    }

                    break;
            }
        }
    }
}
