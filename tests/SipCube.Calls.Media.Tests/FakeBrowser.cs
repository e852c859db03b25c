using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SipCube.Dtls;
using SipCube.Sdp;
using SipCube.Srtp;
using SipCube.Stun;

namespace SipCube.Calls.Media.Tests;

/// <summary>
/// A scripted WebRTC peer on a loopback socket for tests without Chromium. As answerer it says setup:active (DTLS
/// client); as offerer it says actpass and, since the bridge answers active, becomes the DTLS server. It sends
/// authenticated ICE checks and protects/unprotects SRTP.
/// </summary>
internal sealed class FakeBrowser : IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly DtlsCertificate certificate = DtlsCertificate.Generate(TimeProvider.System);
    private readonly CancellationTokenSource stop = new();
    private readonly Thread pump;
    private IPEndPoint? target;
    private DtlsSrtpTransport? dtls;
    private SrtpContext? srtpOut;
    private SrtpContext? srtpIn;

    public FakeBrowser()
    {
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        pump = new Thread(Pump) { IsBackground = true };
        pump.Start();
    }

    public ConcurrentQueue<byte[]> ReceivedRtp { get; } = new();

    public IPEndPoint LocalEndPoint => (IPEndPoint)socket.LocalEndPoint!;

    public string Ufrag { get; private set; } = string.Empty;

    public string Password { get; private set; } = string.Empty;

    /// <summary>Answers our offer accepting <paramref name="payloadTypes"/> of its audio m-line (as Chromium does:
    /// same numbers, rtpmaps copied).</summary>
    public SessionDescription Answer(SessionDescription offer, params int[] payloadTypes)
    {
        var ours = offer.Media[0];
        var sdp = Session();
        var m = Section(ours, payloadTypes, "active");
        sdp.Media.Add(m);
        Prepare(ours, DtlsRole.Client);
        return sdp;
    }

    /// <summary>An offer like Chromium's: audio with <paramref name="payloadTypes"/> (rtpmaps given), setup:actpass.</summary>
    public SessionDescription Offer(params string[] rtpmaps)
    {
        var sdp = Session();
        var m = new MediaDescription("audio", 9, "UDP/TLS/RTP/SAVPF", rtpmaps.Select(r => r.Split(' ')[0]));
        AddTransport(m, "actpass");
        foreach (var map in rtpmaps)
        {
            m.Add("rtpmap", map);
        }

        sdp.Media.Add(m);
        return sdp;
    }

    /// <summary>Takes our answer to <see cref="Offer"/>: we answered setup:active, so this side is the DTLS server.</summary>
    public void TakeAnswer(SessionDescription answer) => Prepare(answer.Media[0], DtlsRole.Server);

    public void SendCheck()
    {
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, Guid.NewGuid().ToByteArray().AsSpan(0, 12));
        writer.AddText(StunAttributeType.Username, Ufrag + ":fake");
        writer.AddUInt32(StunAttributeType.Priority, 0x6E0001FF);
        writer.AddUInt64(StunAttributeType.IceControlling, 7);
        writer.AddFlag(StunAttributeType.UseCandidate);
        writer.AddMessageIntegrity(Encoding.UTF8.GetBytes(Password));
        writer.AddFingerprint();
        socket.SendTo(buffer.AsSpan(0, writer.Length), SocketFlags.None, target!);
    }

    public async Task ConnectAsync(TimeSpan timeout)
    {
        var keys = await dtls!.StartHandshake().WaitAsync(timeout);
        var profile = (SrtpProfile)(int)keys.Profile;
        srtpIn = new SrtpContext(profile, keys.RemoteMasterKey, keys.RemoteMasterSalt);
        srtpOut = new SrtpContext(profile, keys.LocalMasterKey, keys.LocalMasterSalt);
    }

    public void SendRtp(byte[] plainRtp)
    {
        var buffer = new byte[plainRtp.Length + 32];
        plainRtp.CopyTo(buffer, 0);
        Assert.True(srtpOut!.TryProtectRtp(buffer, plainRtp.Length, out var n));
        socket.SendTo(buffer.AsSpan(0, n), SocketFlags.None, target!);
    }

    public void Dispose()
    {
        stop.Cancel();
        socket.Dispose();
        dtls?.Dispose();
        srtpIn?.Dispose();
        srtpOut?.Dispose();
        stop.Dispose();
    }

    private static SessionDescription Session()
    {
        var sdp = new SessionDescription(SdpOrigin.Create());
        sdp.Add("group", "BUNDLE 0");
        return sdp;
    }

    private MediaDescription Section(MediaDescription ours, int[] payloadTypes, string setup)
    {
        var m = new MediaDescription("audio", 9, "UDP/TLS/RTP/SAVPF", payloadTypes.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        AddTransport(m, setup);
        foreach (var pt in payloadTypes)
        {
            var map = ours.RtpMaps.First(r => r.PayloadType == pt);
            m.Add("rtpmap", map.ToString());
        }

        return m;
    }

    private void AddTransport(MediaDescription m, string setup)
    {
        m.Connection = new SdpConnection("IN", "IP4", "127.0.0.1");
        m.Add("ice-ufrag", "fake").Add("ice-pwd", "fakefakefakefakefakefake").Add("fingerprint", "sha-256 " + certificate.Fingerprint)
            .Add("setup", setup).Add("mid", "0").Add("sendrecv").Add("rtcp-mux");
    }

    private void Prepare(MediaDescription ours, DtlsRole role)
    {
        var candidate = ours.GetAttribute("candidate")!.Split(' ');
        target = new IPEndPoint(IPAddress.Parse(candidate[4]), int.Parse(candidate[5], CultureInfo.InvariantCulture));
        Ufrag = ours.GetAttribute("ice-ufrag")!;
        Password = ours.GetAttribute("ice-pwd")!;
        dtls = new DtlsSrtpTransport(
            new DtlsSrtpTransportOptions { Certificate = certificate, Role = role, RemoteFingerprint = ours.GetAttribute("fingerprint")!.Split(' ')[1] },
            d => socket.SendTo(d.Span, SocketFlags.None, target));
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
            if (n < 2)
            {
                continue;
            }

            if (datagram[0] is >= 20 and <= 63)
            {
                dtls?.Deliver(datagram);
            }
            else if (datagram[0] is >= 128 and <= 191 && datagram[1] is < 192 or > 223 && srtpIn is { } context
                && context.UnprotectRtp(datagram, n, out var plain) == SrtpResult.Ok)
            {
                ReceivedRtp.Enqueue(datagram[..plain].ToArray());
            }
        }
    }
}
