using BenchmarkDotNet.Attributes;
using SipCube.Codecs;

namespace SipCube.Benchmarks.Codecs;

/// <summary>
/// Cost of one transcoded 20 ms frame through <see cref="AudioTranscoder"/> (decode + resample + encode): PCMU (8 kHz)
/// to Opus (48 kHz mono, 32 kbit/s, complexity 5 and 1) and Opus back to PCMU, plus the pieces on their own. A
/// transcoded call needs 50 frames/s each way, so calls per core = 1 s / (50 x (G711-to-Opus + Opus-to-G711)).
/// </summary>
[MemoryDiagnoser]
public class TranscodeBenchmark
{
    private readonly byte[] pcmu = new byte[160];
    private readonly short[] pcm8k = new short[160];
    private readonly short[] pcm48k = new short[960];
    private readonly short[] scratch = new short[960];
    private byte[] opusPayload = [];
    private byte[] output = [];
    private AudioTranscoder toOpus = null!;
    private AudioTranscoder fromOpus = null!;
    private Resampler up = null!;
    private Resampler down = null!;
    private int opusLength;

    /// <summary>Opus encoder complexity (5 is the bridge default; 1 is the cheap setting for dense nodes).</summary>
    [Params(5, 1)]
    public int Complexity { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = OpusOptions.Voice with { Complexity = Complexity };
        var mulaw = G711Codec.CreateMuLaw();
        for (var i = 0; i < pcm8k.Length; i++)
        {
            pcm8k[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000));
        }

        mulaw.Encode(pcm8k, pcmu);
        toOpus = new AudioTranscoder(G711Codec.CreateMuLaw(), Create(options));
        fromOpus = new AudioTranscoder(Create(options), G711Codec.CreateMuLaw());
        output = new byte[Math.Max(toOpus.MaxOutputBytes, fromOpus.MaxOutputBytes)];
        opusPayload = new byte[toOpus.MaxOutputBytes];
        opusLength = toOpus.Transcode(pcmu, opusPayload);
        up = new Resampler(8000, 48000);
        down = new Resampler(48000, 8000);
        up.Process(pcm8k, pcm48k);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        toOpus.Dispose();
        fromOpus.Dispose();
    }

    [Benchmark(Description = "G711->Opus frame (decode+resample 8k->48k+encode)")]
    public int G711ToOpus() => toOpus.Transcode(pcmu, output);

    [Benchmark(Description = "Opus->G711 frame (decode+resample 48k->8k+encode)")]
    public int OpusToG711() => fromOpus.Transcode(opusPayload.AsSpan(0, opusLength), output);

    [Benchmark(Description = "Resample 20 ms 8k->48k")]
    public int Upsample() => up.Process(pcm8k, scratch);

    [Benchmark(Description = "Resample 20 ms 48k->8k")]
    public int Downsample() => down.Process(pcm48k, scratch);

    private static IAudioCodec Create(OpusOptions options)
    {
        var creation = OpusCodec.Create(options);
        return creation.IsAvailable ? creation.Codec : throw new InvalidOperationException(creation.UnavailableReason);
    }
}
