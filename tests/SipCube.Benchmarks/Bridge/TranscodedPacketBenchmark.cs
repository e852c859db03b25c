using System.Buffers.Binary;
using System.Net;
using BenchmarkDotNet.Attributes;
using SipCube.Codecs;
using SipCube.Media.Relay;
using SipCube.Media.Transcoding;
using SipCube.Srtp;

namespace SipCube.Benchmarks.Bridge;

/// <summary>
/// One 20 ms packet through the bridge's transcoded path without sockets, as <c>MediaBridge</c> runs it for a PCMU
/// phone and an Opus-only browser: phone PCMU RTP in -> jitter buffer -> G.711 decode -> 8->48 kHz -> Opus encode ->
/// our RTP -> SRTP protect; and browser SRTP in -> unprotect -> Opus decode -> 48->8 kHz -> G.711 encode -> RTP for
/// the phone. The audio is a tone (Opus spends more on tones than on silence). A call is 50 packets per second each
/// way, so calls per core = 1 s / (50 x (both directions' ns)).
/// </summary>
[MemoryDiagnoser]
public class TranscodedPacketBenchmark
{
    private const int Frames = 50;
    private static readonly byte[] MasterKey = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] MasterSalt = Convert.FromHexString("0EC675AD498AFEEBB6960B3AABE6");
    private static readonly SocketAddress Phone = new IPEndPoint(IPAddress.Loopback, 40_000).Serialize();
    private readonly byte[] buffer = new byte[2048];
    private readonly byte[][] pcmuFrames = new byte[Frames][];
    private readonly byte[][] opusFrames = new byte[Frames][];
    private TranscodingRelay relay = null!;
    private SrtpContext browser = null!;
    private SrtpContext fromBrowser = null!;
    private ProtectSink toBrowser = null!;
    private CountSink toPhone = null!;
    private ushort sipSequence;
    private ushort appSequence;

    /// <summary>Opus encoder complexity (the bridge's default is 3).</summary>
    [Params(1, 3)]
    public int OpusComplexity { get; set; } = 3;

    [GlobalSetup]
    public void Setup()
    {
        relay = new TranscodingRelay(
            new TranscodingRelayOptions
            {
                SipAudio = RtpCodec.Pcmu,
                AppAudio = new RtpCodec(111, "opus", 48000),
                AppSsrc = 0x5EED,
                OpusComplexity = OpusComplexity,
            },
            TimeProvider.System);
        relay.SipLatch.SetSignalled(new IPEndPoint(IPAddress.Loopback, 40_000));
        var salt = MasterSalt.AsSpan(0, 12);
        toBrowser = new ProtectSink(new SrtpContext(SrtpProfile.AeadAes128Gcm, MasterKey, salt));
        browser = new SrtpContext(SrtpProfile.AeadAes128Gcm, MasterKey, salt);
        fromBrowser = new SrtpContext(SrtpProfile.AeadAes128Gcm, MasterKey, salt);
        toPhone = new CountSink();
        using var opus = OpusCodec.Create(OpusOptions.Voice).Codec!;
        using var pcmu = G711Codec.CreateMuLaw();
        var phase8 = 0.0;
        var phase48 = 0.0;
        for (var f = 0; f < Frames; f++)
        {
            var pcm8 = new short[160];
            var pcm48 = new short[960];
            for (var i = 0; i < 160; i++, phase8 += 2 * Math.PI * 1000 / 8000)
            {
                pcm8[i] = (short)(Math.Sin(phase8) * 8000);
            }

            for (var i = 0; i < 960; i++, phase48 += 2 * Math.PI * 600 / 48000)
            {
                pcm48[i] = (short)(Math.Sin(phase48) * 8000);
            }

            pcmuFrames[f] = new byte[160];
            pcmu.Encode(pcm8, pcmuFrames[f]);
            var encoded = new byte[400];
            opusFrames[f] = encoded[..opus.Encode(pcm48, encoded)];
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        relay.Dispose();
        toBrowser.Context.Dispose();
        browser.Dispose();
        fromBrowser.Dispose();
    }

    /// <summary>Phone PCMU RTP in -> Opus RTP -> SRTP protect.</summary>
    [Benchmark(Baseline = true)]
    public int PcmuInOpusSrtpOut()
    {
        var payload = pcmuFrames[sipSequence % Frames];
        Header(0, ++sipSequence, sipSequence * 160u, 0x1111);
        payload.CopyTo(buffer.AsSpan(12));
        relay.FromSip(buffer.AsSpan(0, 12 + payload.Length), Phone, 0, toBrowser);
        return toBrowser.Last;
    }

    /// <summary>Browser Opus SRTP in (its protect included) -> unprotect -> PCMU RTP for the phone.</summary>
    [Benchmark]
    public int OpusSrtpInPcmuOut()
    {
        var payload = opusFrames[appSequence % Frames];
        Header(111, ++appSequence, appSequence * 960u, 0x2222);
        payload.CopyTo(buffer.AsSpan(12));
        browser.TryProtectRtp(buffer, 12 + payload.Length, out var length);
        fromBrowser.UnprotectRtp(buffer, length, out var plain);
        relay.FromApp(buffer.AsSpan(0, plain), 0, toPhone);
        return toPhone.Last;
    }

    private void Header(byte payloadType, ushort sequence, uint timestamp, uint ssrc)
    {
        buffer[0] = 0x80;
        buffer[1] = payloadType;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(8), ssrc);
    }

    private sealed class ProtectSink(SrtpContext context) : IRtpPacketSink
    {
        public SrtpContext Context => context;

        public int Last { get; private set; }

        public void Send(Span<byte> buffer, int length)
        {
            context.TryProtectRtp(buffer, length, out var protectedLength);
            Last = protectedLength;
        }
    }

    private sealed class CountSink : IRtpPacketSink
    {
        public int Last { get; private set; }

        public void Send(Span<byte> buffer, int length) => Last = length;
    }
}
