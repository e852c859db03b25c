using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using BenchmarkDotNet.Attributes;
using SipCube.Calls.Media;
using SipCube.Media.Relay;
using SipCube.Srtp;

namespace SipCube.Benchmarks.Bridge;

/// <summary>
/// One packet through the media bridge's relay path without sockets, configured as <c>MediaBridge</c> configures it
/// (formats from <c>BridgeCodec</c>, the outgoing SSRC fixed to the one announced in the WebRTC SDP, the bridge's copy
/// of the decrypted browser packet into its own buffer): phone RTP in -> relay -> SRTP protect (toward the browser),
/// and browser SRTP in -> unprotect -> copy -> relay (toward the phone). Each SRTP-in operation needs a fresh packet
/// (replay protection), so it includes the browser's protect; subtract <see cref="BrowserProtectOnly"/> for the
/// node's share. PCMU is 160 bytes of payload per 20 ms, Opus about 80.
/// </summary>
[MemoryDiagnoser]
public class MediaBridgePacketBenchmark
{
    private const uint PhoneSsrc = 0x1111;
    private const uint BrowserSsrc = 0x2222;
    private static readonly byte[] MasterKey = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] MasterSalt = Convert.FromHexString("0EC675AD498AFEEBB6960B3AABE6");
    private static readonly SocketAddress Phone = new IPEndPoint(IPAddress.Loopback, 40_000).Serialize();

    private readonly byte[] buffer = new byte[2048];
    private readonly byte[] bridgeCopy = new byte[2048];
    private RtpRelay relay = null!;
    private SrtpContext toBrowser = null!;
    private SrtpContext browser = null!;
    private SrtpContext fromBrowser = null!;
    private int packetLength;
    private byte phonePayloadType;
    private ushort sequence;
    private long arrival;

    /// <summary>The SRTP profile DTLS negotiated (Chromium picked GCM with us, SHA1-80 when it answers).</summary>
    [Params(SrtpProfile.AeadAes128Gcm, SrtpProfile.Aes128CmHmacSha1_80)]
    public SrtpProfile Profile { get; set; }

    /// <summary>The passthrough format.</summary>
    [Params("PCMU", "opus")]
    public string Codec { get; set; } = "PCMU";

    [GlobalSetup]
    public void Setup()
    {
        var opus = Codec == "opus";
        BridgeCodec phoneCodec = opus ? new(107, "opus", 48000, 2) : new(0, "PCMU", 8000);
        BridgeCodec appCodec = opus ? new(107, "opus", 48000, 2) : new(0, "PCMU", 8000);
        phonePayloadType = (byte)phoneCodec.PayloadType;
        packetLength = 12 + (opus ? 80 : 160);
        relay = new RtpRelay(
            new RtpRelayOptions
            {
                SipCodecs = [phoneCodec.ToRtpCodec(), new BridgeCodec(101, "telephone-event", 8000).ToRtpCodec()],
                AppCodecs = [appCodec.ToRtpCodec(), new BridgeCodec(126, "telephone-event", 8000).ToRtpCodec()],
                AppSsrc = 0x5EED,
            },
            Stopwatch.Frequency);
        relay.SipLatch.SetSignalled(new IPEndPoint(IPAddress.Loopback, 40_000));
        // RFC 7714 §12: the GCM profile's master salt is 96 bits, the AES-CM one 112.
        var salt = Profile == SrtpProfile.AeadAes128Gcm ? MasterSalt.AsSpan(0, 12) : MasterSalt;
        toBrowser = new SrtpContext(Profile, MasterKey, salt);
        browser = new SrtpContext(Profile, MasterKey, salt);
        fromBrowser = new SrtpContext(Profile, MasterKey, salt);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        toBrowser.Dispose();
        browser.Dispose();
        fromBrowser.Dispose();
    }

    /// <summary>Phone RTP in -> latch, stats, re-frame -> SRTP protect (what goes to the browser's socket).</summary>
    [Benchmark(Baseline = true)]
    public int RtpInSrtpOut()
    {
        Fill(PhoneSsrc);
        if (relay.FromSip(buffer.AsSpan(0, packetLength), Phone, arrival) != RelayResult.Forwarded)
        {
            return -1;
        }

        toBrowser.TryProtectRtp(buffer, packetLength, out var length);
        return length;
    }

    /// <summary>Browser SRTP in -> unprotect -> copy -> re-frame (what goes to the phone's socket), plus the
    /// browser's own protect.</summary>
    [Benchmark]
    public int SrtpInRtpOut()
    {
        Fill(BrowserSsrc);
        browser.TryProtectRtp(buffer, packetLength, out var length);
        fromBrowser.UnprotectRtp(buffer, length, out var plain);
        buffer.AsSpan(0, plain).CopyTo(bridgeCopy);
        return relay.FromApp(bridgeCopy.AsSpan(0, plain), arrival) == RelayResult.Forwarded ? plain : -1;
    }

    /// <summary>The browser-side protect included in <see cref="SrtpInRtpOut"/>.</summary>
    [Benchmark]
    public int BrowserProtectOnly()
    {
        Fill(0x3333);
        browser.TryProtectRtp(buffer, packetLength, out var length);
        return length;
    }

    private void Fill(uint ssrc)
    {
        sequence++;
        arrival += Stopwatch.Frequency / 50;
        buffer[0] = 0x80;
        buffer[1] = phonePayloadType;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), sequence * 960u);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(8), ssrc);
    }
}
