namespace SipCube.Codecs.Tests;

public class AudioCodecRegistryTests
{
    [Theory]
    [InlineData("PCMU", 8000, 8000, 160)]
    [InlineData("pcma", 8000, 8000, 160)]
    [InlineData("G722", 8000, 16000, 320)]
    public void Builtin_codecs_are_always_available(string name, int clock, int sampleRate, int frame)
    {
        var creation = new AudioCodecRegistry().Create(name, clock);
        Assert.True(creation.IsAvailable);
        using var codec = creation.Codec;
        Assert.Equal(sampleRate, codec.SampleRate);
        Assert.Equal(frame, codec.SamplesPerFrame);
    }

    [Fact]
    public void Opus_is_named_opus_48000_2_and_G729_by_static_type_18()
    {
        Assert.Same(AudioCodecDescriptor.Opus, AudioCodecRegistry.Find("OPUS", 48000));
        Assert.Equal("opus/48000/2", AudioCodecDescriptor.Opus.ToString());
        Assert.Same(AudioCodecDescriptor.G729, AudioCodecRegistry.FindStatic(18));
        Assert.Null(AudioCodecRegistry.Find("opus", 8000));
    }

    [Fact]
    public void Unknown_codecs_are_a_typed_reason_not_an_exception()
    {
        var creation = new AudioCodecRegistry().Create("AMR-WB", 16000);
        Assert.False(creation.IsAvailable);
        Assert.Contains("not supported", creation.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_native_library_is_reported_by_soname()
    {
        var missing = Native.NativeCodecLibrary.Load("libsipcube-does-not-exist.so.0");
        Assert.Equal("codec unavailable: libsipcube-does-not-exist.so.0 not found", missing.Failure);
    }

    [Fact]
    public void Availability_agrees_with_creation()
    {
        var registry = new AudioCodecRegistry();
        foreach (var descriptor in AudioCodecRegistry.Known)
        {
            var creation = registry.Create(descriptor);
            Assert.Equal(AudioCodecRegistry.IsAvailable(descriptor), creation.IsAvailable);
            creation.Codec?.Dispose();
        }

        Assert.Contains(AudioCodecDescriptor.Pcmu, AudioCodecRegistry.Available());
    }
}
