namespace SipCube.Codecs.Tests;

/// <summary>Decoders are fed peer bytes: random payloads of any length must never crash or overrun.</summary>
public class DecoderFuzzTests
{
    [SkippableTheory]
    [InlineData("PCMU", 8000)]
    [InlineData("PCMA", 8000)]
    [InlineData("G722", 8000)]
    [InlineData("G729", 8000)]
    [InlineData("opus", 48000)]
    public void Random_payloads_never_crash_a_decoder(string name, int clock)
    {
        using var codec = NativeCodecTests.CreateOrSkip(new AudioCodecRegistry().Create(name, clock));
        var random = new Random(name.Length * 7919);
        var payload = new byte[1500];
        var pcm = new short[5760 * 2];
        for (var i = 0; i < 2000; i++)
        {
            var length = random.Next(0, i % 10 == 0 ? payload.Length : 200);
            random.NextBytes(payload);
            var samples = codec.Decode(payload.AsSpan(0, length), pcm);
            Assert.InRange(samples, -1, pcm.Length / codec.Channels);
            if (i % 50 == 0)
            {
                Assert.InRange(codec.Conceal(pcm), -1, pcm.Length);
            }
        }
    }

    [SkippableFact]
    public void Decoders_refuse_output_spans_that_are_too_small()
    {
        using var opus = NativeCodecTests.CreateOrSkip(OpusCodec.Create());
        Assert.True(opus.Decode([0xFC, 0xFF, 0xFE], new short[10]) < 0);
        using var g722 = new G722Codec();
        Assert.True(g722.Decode(new byte[160], new short[100]) < 0);
        using var g711 = G711Codec.CreateMuLaw();
        Assert.True(g711.Decode(new byte[160], new short[100]) < 0);
    }
}
