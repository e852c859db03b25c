using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SipCube.Dtls;
using SipCube.Sdp;
using SipCube.Stun;

namespace SipCube.WebRtc.Tests;

public class WebRtcPeerConnectionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Media_flows_both_ways_only_after_ice_and_dtls_and_only_from_the_authenticated_address()
    {
        using var pc = WebRtcPeerConnection.Create(new WebRtcOptions { BindAddress = IPAddress.Loopback, Certificate = WebRtcSdpTests.Certificate });
        var received = new ConcurrentQueue<byte[]>();
        pc.RtpReceived = p => received.Enqueue(p.ToArray());
        using var browser = new FakeBrowser(pc.LocalEndPoint);
        var answer = browser.Answer(pc.CreateOffer());
        Assert.True(pc.TrySetRemoteDescription(answer, out var error), error);
        Assert.Equal(DtlsRole.Server, pc.DtlsRole);

        var early = Rtp(pc.Media[0].Ssrc, 1);
        Assert.False(pc.SendRtp(early, 172), "no media before DTLS");

        browser.SendCheck(useCandidate: false, password: "not-the-password");
        browser.SendCheck(useCandidate: true);
        await WaitUntil(() => browser.StunResponses.Count >= 2);
        Assert.Equal(browser.LocalEndPoint, pc.RemoteEndPoint);
        var codes = browser.StunResponses.Select(r => StunMessage.TryParse(r, out var m, out _) ? m.ErrorCode ?? 200 : -1).ToList();
        Assert.Equal([401, 200], codes);

        await browser.ConnectDtlsAsync(Limit);
        await pc.WaitConnectedAsync().WaitAsync(Limit);
        Assert.Equal(WebRtcConnectionState.Connected, pc.State);

        var plain = Rtp(0xCAFEBABE, 7);
        browser.Send(browser.Protect(plain[..172]));
        await WaitUntil(() => !received.IsEmpty);
        Assert.Equal(plain[..172], received.Single());

        using (var intruder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            intruder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            intruder.SendTo(browser.Protect(Rtp(0xCAFEBABE, 8)[..172]), pc.LocalEndPoint);
        }

        browser.Send(browser.Protect(Rtp(0xCAFEBABE, 9)[..172]));
        await WaitUntil(() => received.Count >= 2);
        Assert.Equal(9, BinaryPrimitives.ReadUInt16BigEndian(received.Last().AsSpan(2)));
        Assert.Equal(2, pc.RtpPacketsReceived);
        Assert.Equal(0, pc.DecryptFailures);

        var outbound = Rtp(pc.Media[0].Ssrc, 100);
        Assert.True(pc.SendRtp(outbound, 172));
        await WaitUntil(() => !browser.ReceivedRtp.IsEmpty);
        Assert.Equal(Rtp(pc.Media[0].Ssrc, 100)[..172], browser.ReceivedRtp.Single());
    }

    [Fact]
    public async Task Sending_rtp_allocates_nothing_once_connected()
    {
        using var pc = WebRtcPeerConnection.Create(new WebRtcOptions { BindAddress = IPAddress.Loopback, Certificate = WebRtcSdpTests.Certificate });
        using var browser = new FakeBrowser(pc.LocalEndPoint);
        Assert.True(pc.TrySetRemoteDescription(browser.Answer(pc.CreateOffer()), out _));
        browser.SendCheck(useCandidate: true);
        await WaitUntil(() => pc.RemoteEndPoint is not null);
        await browser.ConnectDtlsAsync(Limit);
        await pc.WaitConnectedAsync().WaitAsync(Limit);

        var packet = Rtp(pc.Media[0].Ssrc, 1);
        pc.SendRtp(packet, 172);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (ushort i = 2; i < 50; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), i);
            Assert.True(pc.SendRtp(packet, 172));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static byte[] Rtp(uint ssrc, ushort sequence)
    {
        var packet = new byte[172 + 32];
        packet[0] = 0x80;
        packet[1] = 111;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence * 960u);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        for (var i = 12; i < 172; i++)
        {
            packet[i] = (byte)(i + sequence);
        }

        return packet;
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
}
