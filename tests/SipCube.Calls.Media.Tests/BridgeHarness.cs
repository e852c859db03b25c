using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SipCube.Calls.Ports;
using SipCube.Codecs;
using SipCube.Media.Codecs;
using SipCube.Media.Transcoding;
using SipCube.Sdp;

namespace SipCube.Calls.Media.Tests;

/// <summary>A UDP "phone" and a scripted WebRTC peer on 127.0.0.1 around one bridge, for the packet-level tests.</summary>
public abstract class BridgeHarness : IDisposable
{
    protected static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    protected static readonly CancellationToken None = CancellationToken.None;
    private readonly Socket phone = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    protected BridgeHarness()
    {
        phone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        new Thread(PumpPhone) { IsBackground = true }.Start();
    }

    protected ConcurrentQueue<byte[]> PhoneReceived { get; } = new();

    internal FakeBrowser Browser { get; } = new();

    protected Socket Phone => phone;

    /// <summary>The phone's offer <see cref="ConnectAsync"/> sent.</summary>
    protected string PhoneOffer { get; private set; } = string.Empty;

    /// <summary>The bridge's answer to it.</summary>
    protected SessionDescription? PhoneAnswer { get; private set; }

    protected IPEndPoint PhoneEndPoint => (IPEndPoint)phone.LocalEndPoint!;

    public void Dispose()
    {
        phone.Dispose();
        Browser.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static uint Timestamp(byte[] packet) => BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(4));

    protected static short[] Decode(byte[] payload)
    {
        var pcm = new short[payload.Length];
        G711.DecodeMuLaw(payload, pcm);
        return pcm;
    }

    internal async Task<(SessionDescription Offer, IPEndPoint PhoneTarget)> ConnectAsync(MediaBridge bridge, string formats, string rtpmaps, params int[] browserTakes)
    {
        var phoneOffer = $"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {PhoneEndPoint.Port} RTP/AVP {formats}\r\n{rtpmaps}a=rtcp-mux\r\n";
        var offer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.Sip, phoneOffer, None));
        var answerText = await bridge.CompleteAsync(MediaSide.App, Browser.Answer(offer, browserTakes).ToString(), None);
        var answer = SdpParser.Parse(answerText);
        PhoneOffer = phoneOffer;
        PhoneAnswer = answer;
        await ConnectBrowserAsync(bridge);
        return (offer, new IPEndPoint(IPAddress.Loopback, answer.Media[0].Port));
    }

    internal async Task ConnectBrowserAsync(MediaBridge bridge)
    {
        var pc = bridge.PeerConnection!;
        await SendUntilAsync(Browser.SendCheck, () => pc.RemoteEndPoint is not null);
        await Browser.ConnectAsync(Limit);
        await pc.WaitConnectedAsync().WaitAsync(Limit);
    }

    protected static async Task SendUntilAsync(Action send, Func<bool> done)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "nothing arrived in time");
            send();
            await Task.Delay(20);
        }
    }

    protected static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }

    private void PumpPhone()
    {
        var buffer = new byte[2048];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        while (true)
        {
            try
            {
                var n = phone.ReceiveFrom(buffer, ref from);
                PhoneReceived.Enqueue(buffer[..n]);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
