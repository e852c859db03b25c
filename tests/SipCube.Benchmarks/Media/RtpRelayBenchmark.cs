using System.Diagnostics;
using System.Net;
using BenchmarkDotNet.Attributes;
using SipCube.Media.Relay;
using SipCube.Srtp;

namespace SipCube.Benchmarks.Media;

/// <summary>
/// One relayed 20 ms PCMU packet (172 bytes): phone RTP in -> rewritten RTP out; phone RTP in -> relay -> SRTP out
/// (AES-CM-HMAC-SHA1-80, the browser's usual profile); and the way back, browser SRTP in -> unprotect -> relay ->
/// phone RTP out. The way back needs a fresh SRTP packet per operation (replay protection), so it includes the
/// browser-side protect; subtract <see cref="SrtpProtectOnly"/> for the node's share.
/// </summary>
[MemoryDiagnoser]
public class RtpRelayBenchmark
{
    private const int PacketLength = 172;
    private static readonly byte[] MasterKey = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] MasterSalt = Convert.FromHexString("0EC675AD498AFEEBB6960B3AABE6");
    private static readonly SocketAddress Phone = new IPEndPoint(IPAddress.Loopback, 40_000).Serialize();

    private readonly byte[] buffer = new byte[PacketLength + 16];
    private RtpRelay relay = null!;
    private SrtpContext toBrowser = null!;
    private SrtpContext browser = null!;
    private SrtpContext fromBrowser = null!;
    private ushort sequence;
    private long arrival;

    [GlobalSetup]
    public void Setup()
    {
        relay = new RtpRelay(
            new RtpRelayOptions
            {
                SipCodecs = [RtpCodec.Pcmu, new RtpCodec(101, "telephone-event", 8000)],
                AppCodecs = [new RtpCodec(111, "opus", 48000), RtpCodec.Pcmu, new RtpCodec(126, "telephone-event", 8000)],
            },
            Stopwatch.Frequency);
        relay.SipLatch.SetSignalled(new IPEndPoint(IPAddress.Loopback, 40_000));
        toBrowser = new SrtpContext(SrtpProfile.Aes128CmHmacSha1_80, MasterKey, MasterSalt);
        browser = new SrtpContext(SrtpProfile.Aes128CmHmacSha1_80, MasterKey, MasterSalt);
        fromBrowser = new SrtpContext(SrtpProfile.Aes128CmHmacSha1_80, MasterKey, MasterSalt);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        toBrowser.Dispose();
        browser.Dispose();
        fromBrowser.Dispose();
    }

    [Benchmark(Baseline = true)]
    public RelayResult RtpInRtpOut()
    {
        Fill(0x1111);
        return relay.FromSip(buffer.AsSpan(0, PacketLength), Phone, arrival);
    }

    [Benchmark]
    public int RtpInSrtpOut()
    {
        Fill(0x1111);
        relay.FromSip(buffer.AsSpan(0, PacketLength), Phone, arrival);
        toBrowser.TryProtectRtp(buffer, PacketLength, out var length);
        return length;
    }

    [Benchmark]
    public int SrtpProtectOnly()
    {
        Fill(0x3333);
        browser.TryProtectRtp(buffer, PacketLength, out var length);
        return length;
    }

    [Benchmark]
    public RelayResult SrtpInRtpOut()
    {
        Fill(0x2222);
        browser.TryProtectRtp(buffer, PacketLength, out var length);
        fromBrowser.UnprotectRtp(buffer, length, out var plain);
        return relay.FromApp(buffer.AsSpan(0, plain), arrival);
    }

    private void Fill(uint ssrc)
    {
        sequence++;
        arrival += Stopwatch.Frequency / 50;
        buffer[0] = 0x80;
        buffer[1] = 0;
        buffer[2] = (byte)(sequence >> 8);
        buffer[3] = (byte)sequence;
        var timestamp = (uint)sequence * 160;
        buffer[4] = (byte)(timestamp >> 24);
        buffer[5] = (byte)(timestamp >> 16);
        buffer[6] = (byte)(timestamp >> 8);
        buffer[7] = (byte)timestamp;
        buffer[8] = (byte)(ssrc >> 24);
        buffer[9] = (byte)(ssrc >> 16);
        buffer[10] = (byte)(ssrc >> 8);
        buffer[11] = (byte)ssrc;
    }
}
