namespace SipCube.Codecs.Tests;

public class AudioTranscoderTests
{
    private static readonly AudioCodecRegistry Registry = new();

    [SkippableTheory]
    [InlineData("PCMU", 8000, "opus", 48000, 1000)]
    [InlineData("opus", 48000, "PCMA", 8000, 1000)]
    [InlineData("G722", 8000, "PCMU", 8000, 800)]
    [InlineData("PCMA", 8000, "G722", 8000, 1200)]
    [InlineData("PCMU", 8000, "G729", 8000, 600)]
    [InlineData("G729", 8000, "opus", 48000, 600)]
    public void A_tone_crosses_the_transcoder_and_keeps_its_frequency(string a, int aClock, string b, int bClock, int frequency)
    {
        using var source = NativeCodecTests.CreateOrSkip(Registry.Create(a, aClock));
        using var sink = NativeCodecTests.CreateOrSkip(Registry.Create(b, bClock));
        using var transcoder = new AudioTranscoder(
            NativeCodecTests.CreateOrSkip(Registry.Create(a, aClock)), NativeCodecTests.CreateOrSkip(Registry.Create(b, bClock)));

        var input = ToneAnalysis.Tone(frequency, source.SampleRate, source.SampleRate, channels: source.Channels);
        var frame = source.SamplesPerFrame * source.Channels;
        var payload = new byte[1500];
        var converted = new byte[transcoder.MaxOutputBytes];
        var pcm = new short[5760 * 2];
        var output = new List<short>();
        for (var offset = 0; offset + frame <= input.Length; offset += frame)
        {
            var n = source.Encode(input.AsSpan(offset, frame), payload);
            var m = transcoder.Transcode(payload.AsSpan(0, n), converted);
            Assert.True(m > 0, $"transcode returned {m}");
            Assert.Equal(sink.SamplesPerFrame, transcoder.LastEncodedSamples);
            var samples = sink.Decode(converted.AsSpan(0, m), pcm);
            output.AddRange(pcm.AsSpan(0, samples * sink.Channels));
        }

        var settled = output.ToArray().AsSpan(sink.SampleRate / 5);
        Assert.InRange(ToneAnalysis.DominantFrequency(settled, sink.SampleRate), frequency - 10, frequency + 10);
    }

    [SkippableFact]
    public void Pcmu_to_opus_and_back_do_not_allocate_per_frame()
    {
        using var toOpus = new AudioTranscoder(G711Codec.CreateMuLaw(), NativeCodecTests.CreateOrSkip(OpusCodec.Create()));
        using var fromOpus = new AudioTranscoder(NativeCodecTests.CreateOrSkip(OpusCodec.Create()), G711Codec.CreateMuLaw());
        var pcmu = new byte[160];
        G711Codec.CreateMuLaw().Encode(ToneAnalysis.Tone(1000, 8000, 160), pcmu);
        var opus = new byte[toOpus.MaxOutputBytes];
        var back = new byte[fromOpus.MaxOutputBytes];
        for (var i = 0; i < 50; i++)
        {
            fromOpus.Transcode(opus.AsSpan(0, toOpus.Transcode(pcmu, opus)), back);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0;
        for (var i = 0; i < 50; i++)
        {
            var n = toOpus.Transcode(pcmu, opus);
            total += fromOpus.Transcode(opus.AsSpan(0, n), back);
            total += fromOpus.Conceal(back);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(50 * 320, total);
    }

    [Fact]
    public void Thirty_ms_packets_become_twenty_ms_frames_with_the_rest_held_back()
    {
        using var transcoder = new AudioTranscoder(G711Codec.CreateMuLaw(), new G722Codec());
        var output = new byte[transcoder.MaxOutputBytes];
        var payload = new byte[240]; // 30 ms of PCMU
        Assert.Equal(160, transcoder.Transcode(payload, output)); // 20 ms out, 10 ms pending
        Assert.Equal(320, transcoder.LastEncodedSamples);
        Assert.Equal(320, transcoder.Transcode(payload, output)); // 10 + 30 = 40 ms out
        Assert.Equal(640, transcoder.LastEncodedSamples);
    }

    [Fact]
    public void A_malformed_payload_is_rejected_without_output()
    {
        using var transcoder = new AudioTranscoder(new G722Codec(), G711Codec.CreateALaw());
        Assert.True(transcoder.Transcode(new byte[5000], new byte[transcoder.MaxOutputBytes]) < 0);
    }
}
