using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SipCube.Calls.Ports;
using SipCube.Sdp;
using SipCube.Testing;

namespace SipCube.Calls.Media.Tests;

/// <summary>Packets through a bridge between a UDP "phone" and a scripted WebRTC peer, both on 127.0.0.1.</summary>
public sealed class MediaBridgeRelayTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly Socket phone = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly ConcurrentQueue<byte[]> phoneReceived = new();
    private readonly Thread phonePump;
    private readonly FakeBrowser browser = new();

    public MediaBridgeRelayTests()
    {
        phone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        phonePump = new Thread(PumpPhone) { IsBackground = true };
        phonePump.Start();
    }

    private IPEndPoint PhoneEndPoint => (IPEndPoint)phone.LocalEndPoint!;

    public void Dispose()
    {
        phone.Dispose();
        browser.Dispose();
    }

    [Fact]
    public async Task Phone_to_app_relays_both_ways_with_the_announced_ssrc_and_each_sides_payload_types()
    {
        await using var bridge = TestBridges.Create();
        var (offer, phoneTarget) = await ConnectPhoneToAppAsync(bridge, "0 101", [0, 101]);
        var announcedSsrc = uint.Parse(offer.Media[0].GetAttribute("ssrc")!.Split(' ')[0], CultureInfo.InvariantCulture);

        byte[] payload = [.. Enumerable.Range(0, 160).Select(i => (byte)i)];
        ushort seq = 100;
        await SendUntilAsync(() => phone.SendTo(RtpPackets.Create(0, seq, 160u * seq++, 0x1234, payload), phoneTarget), () => browser.ReceivedRtp.Count >= 3);
        browser.ReceivedRtp.TryPeek(out var atBrowser);
        Assert.Equal(announcedSsrc, RtpPackets.Ssrc(atBrowser));
        Assert.Equal(0, RtpPackets.PayloadType(atBrowser));
        Assert.Equal(payload, atBrowser![12..]);

        await SendUntilAsync(() => browser.SendRtp(RtpPackets.Create(0, seq, 160u * seq++, 0xCAFE, payload)), () => phoneReceived.Count >= 3);
        phoneReceived.TryPeek(out var atPhone);
        Assert.Equal(0, RtpPackets.PayloadType(atPhone));
        Assert.NotEqual(0xCAFEu, RtpPackets.Ssrc(atPhone));
        Assert.Equal(payload, atPhone![12..]);

        var stats = bridge.GetStats();
        Assert.Equal("PCMU", stats.Sip.AudioCodec);
        Assert.True(stats.Sip.PacketsReceived >= 1);
        Assert.True(stats.App.PacketsSent >= 1);
        Assert.NotNull(stats.Sip.LastReceivedUtc);
        Assert.Equal(0, bridge.PeerConnection!.DecryptFailures);
    }

    [Fact]
    public async Task Media_from_a_stranger_never_reaches_the_browser_once_the_phone_is_latched()
    {
        await using var bridge = TestBridges.Create();
        var (_, phoneTarget) = await ConnectPhoneToAppAsync(bridge, "0", [0]);
        await SendUntilAsync(() => phone.SendTo(RtpPackets.Create(0, 1, 160, 0x1234, new byte[160]), phoneTarget), () => !browser.ReceivedRtp.IsEmpty);

        using (var stranger = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            stranger.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            stranger.SendTo(RtpPackets.Create(0, 2, 320, 0x1234, Enumerable.Repeat((byte)0xEE, 160).ToArray()), phoneTarget);
        }

        phone.SendTo(RtpPackets.Create(0, 3, 480, 0x1234, Enumerable.Repeat((byte)0x22, 160).ToArray()), phoneTarget);
        await WaitUntil(() => browser.ReceivedRtp.Any(p => p[12] == 0x22));
        Assert.DoesNotContain(browser.ReceivedRtp, p => p[12] == 0xEE);
    }

    [Fact]
    public async Task App_to_phone_relays_both_ways_with_the_phones_answer()
    {
        await using var bridge = TestBridges.Create();
        var browserOffer = browser.Offer("111 opus/48000/2", "0 PCMU/8000", "126 telephone-event/8000");
        var phoneOffer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.App, browserOffer.ToString(), None));
        Assert.Equal(TestBridges.WithG729("111", "0", "8", "9", "18", "126"), phoneOffer.Media[0].Formats);
        var phoneTarget = new IPEndPoint(IPAddress.Loopback, phoneOffer.Media[0].Port);
        var phoneAnswer = $"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {PhoneEndPoint.Port} RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=rtcp-mux\r\n";

        var answer = SdpParser.Parse(await bridge.CompleteAsync(MediaSide.Sip, phoneAnswer, None));

        Assert.Equal(["0", "126"], answer.Media[0].Formats);
        browser.TakeAnswer(answer);
        await ConnectBrowserAsync(bridge);
        byte[] payload = [.. Enumerable.Range(0, 160).Select(i => (byte)(255 - i))];
        await SendUntilAsync(() => phone.SendTo(RtpPackets.Create(0, 1, 160, 0x1234, payload), phoneTarget), () => !browser.ReceivedRtp.IsEmpty);
        Assert.Equal(payload, browser.ReceivedRtp.First()[12..]);

        // The phone expects telephone-event as 101 (its answer), the browser sends 126 (its offer).
        await SendUntilAsync(() => browser.SendRtp(RtpPackets.Create(126, 9, 960, 0xCAFE, [1, 0x8A, 0, 160], marker: true)), () => !phoneReceived.IsEmpty);
        Assert.Equal(101, RtpPackets.PayloadType(phoneReceived.First()));
    }

    [Fact]
    public async Task Relaying_a_packet_allocates_nothing_either_way()
    {
        await using var bridge = TestBridges.Create();
        var (_, phoneTarget) = await ConnectPhoneToAppAsync(bridge, "0", [0]);
        await SendUntilAsync(() => phone.SendTo(RtpPackets.Create(0, 1, 160, 0x1234, new byte[160]), phoneTarget), () => !browser.ReceivedRtp.IsEmpty);
        var source = PhoneEndPoint.Serialize();
        var buffer = new byte[2048];
        var plain = RtpPackets.Create(0, 0, 0, 0xCAFE, new byte[160]);
        var time = TimeProvider.System;
        Relay(0);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i <= 5000; i++)
        {
            Relay(i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        await WaitUntil(() => browser.ReceivedRtp.Count > 1000 && phoneReceived.Count > 1000);

        void Relay(int i)
        {
            // Rebuilt each time: the bridge rewrites and encrypts the buffer in place.
            buffer.AsSpan(0, 172).Clear();
            buffer[0] = 0x80;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)(2 + i));
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), (uint)(320 + (160 * i)));
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(8), 0x1234);
            bridge.FromPhone(buffer, 172, source, time.GetTimestamp());
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(plain.AsSpan(2), (ushort)i);
            bridge.FromApp(plain);
        }
    }

    [Fact]
    public async Task A_silent_phone_is_reported_once_after_the_media_timeout()
    {
        var clock = TestClock.Create();
        var options = TestBridges.Options();
        var bridge = TestBridges.Create(
            new MediaBridgeOptions
            {
                SipBindAddress = options.SipBindAddress,
                WebRtcBindAddress = options.WebRtcBindAddress,
                MediaTimeout = TimeSpan.FromSeconds(10),
                MediaCheckInterval = TimeSpan.FromSeconds(1),
            },
            clock);
        await using var _ = bridge;
        var offer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.Sip, TestBridges.Read("sipp-3.6-uac-offer.sdp"), None));
        await bridge.CompleteAsync(MediaSide.App, browser.Answer(offer, 0).ToString(), None);

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Null(bridge.TimedOutSide);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(MediaSide.Sip, bridge.TimedOutSide);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, bridge.TimeoutReports);
    }

    [Fact]
    public async Task A_silent_browser_is_reported_while_the_phone_still_sends()
    {
        var clock = TestClock.Create();
        var bridge = TestBridges.Create(
            new MediaBridgeOptions
            {
                SipBindAddress = IPAddress.Loopback,
                WebRtcBindAddress = IPAddress.Loopback,
                MediaTimeout = TimeSpan.FromSeconds(10),
                MediaCheckInterval = TimeSpan.FromSeconds(1),
            },
            clock);
        await using var _ = bridge;
        var offer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.Sip, TestBridges.Read("sipp-3.6-uac-offer.sdp"), None));
        await bridge.CompleteAsync(MediaSide.App, browser.Answer(offer, 0).ToString(), None);
        Assert.Null(bridge.GetStats().Sip.LastReceivedUtc);
        var sippMedia = new IPEndPoint(IPAddress.Loopback, 6000).Serialize();

        for (var i = 0; i < 11; i++)
        {
            var packet = new byte[2048];
            RtpPackets.Create(0, (ushort)i, (uint)(160 * i), 0x1234, new byte[160]).CopyTo(packet, 0);
            bridge.FromPhone(packet, 172, sippMedia, clock.GetTimestamp());
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(MediaSide.App, bridge.TimedOutSide);
        Assert.Equal(clock.GetUtcNow() - TimeSpan.FromSeconds(1), bridge.GetStats().Sip.LastReceivedUtc);
        Assert.Null(bridge.GetStats().App.LastReceivedUtc);
    }

    private async Task<(SessionDescription Offer, IPEndPoint PhoneTarget)> ConnectPhoneToAppAsync(MediaBridge bridge, string formats, int[] browserTakes)
    {
        var phoneOffer = $"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {PhoneEndPoint.Port} RTP/AVP {formats}\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=rtcp-mux\r\n";
        var offer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.Sip, phoneOffer, None));
        var answer = SdpParser.Parse(await bridge.CompleteAsync(MediaSide.App, browser.Answer(offer, browserTakes).ToString(), None));
        Assert.True(answer.Media[0].HasAttribute("rtcp-mux"));
        await ConnectBrowserAsync(bridge);
        return (offer, new IPEndPoint(IPAddress.Loopback, answer.Media[0].Port));
    }

    private async Task ConnectBrowserAsync(MediaBridge bridge)
    {
        var pc = bridge.PeerConnection!;
        await SendUntilAsync(browser.SendCheck, () => pc.RemoteEndPoint is not null);
        await browser.ConnectAsync(Limit);
        await pc.WaitConnectedAsync().WaitAsync(Limit);
    }

    private static async Task SendUntilAsync(Action send, Func<bool> done)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "nothing arrived in time");
            send();
            await Task.Delay(20);
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
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
                phoneReceived.Enqueue(buffer[..n]);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
