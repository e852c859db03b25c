using System.Runtime.InteropServices;

namespace SipCube.Codecs.Tests;

public class G722CodecTests
{
    [Fact]
    public void Twenty_ms_is_320_samples_in_160_bytes_which_is_64_kbit_per_s()
    {
        using var codec = new G722Codec();
        var payload = new byte[200];
        Assert.Equal(16000, codec.SampleRate);
        Assert.Equal(8000, codec.Descriptor.ClockRate);
        Assert.Equal(9, codec.Descriptor.StaticPayloadType);
        Assert.Equal(160, codec.Encode(new short[320], payload));
        Assert.Equal(80, codec.Encode(new short[160], payload)); // 10 ms -> 80 bytes
        Assert.Equal(64000, 160 * 8 * 50);
    }

    [Theory]
    [InlineData(400, 25)]
    [InlineData(1000, 25)]
    [InlineData(3000, 20)]
    [InlineData(5500, 10)] // higher sub-band: only 2 bits per sample there
    public void A_tone_keeps_its_frequency_and_snr(int frequency, double minimumSnrDb)
    {
        using var codec = new G722Codec();
        var output = ToneAnalysis.RoundTrip(codec, ToneAnalysis.Tone(frequency, 16000, 16000));
        var settled = output.AsSpan(3200); // skip the predictor's adaptation
        Assert.InRange(ToneAnalysis.DominantFrequency(settled, 16000), frequency - 10, frequency + 10);
        Assert.True(ToneAnalysis.SnrDb(settled, frequency, 16000) > minimumSnrDb, $"SNR {ToneAnalysis.SnrDb(settled, frequency, 16000):F1} dB");
    }

    [Fact]
    public void Silence_decodes_to_near_silence()
    {
        using var codec = new G722Codec();
        var output = ToneAnalysis.RoundTrip(codec, new short[3200]);
        Assert.True(ToneAnalysis.Rms(output.AsSpan(640)) < 20);
    }

    [SkippableFact]
    public unsafe void Matches_an_independent_implementation_bit_for_bit()
    {
        // libspandsp (installed with baresip) is an independent G.722 that passes the ITU-T test sequences.
        Skip.IfNot(NativeLibrary.TryLoad("libspandsp.so.2", out var lib), "libspandsp.so.2 not installed");
        try
        {
            var encInit = (delegate* unmanaged<nint, int, int, nint>)NativeLibrary.GetExport(lib, "g722_encode_init");
            var encode = (delegate* unmanaged<nint, byte*, short*, int, int>)NativeLibrary.GetExport(lib, "g722_encode");
            var encFree = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(lib, "g722_encode_free");
            var decInit = (delegate* unmanaged<nint, int, int, nint>)NativeLibrary.GetExport(lib, "g722_decode_init");
            var decode = (delegate* unmanaged<nint, short*, byte*, int, int>)NativeLibrary.GetExport(lib, "g722_decode");
            var decFree = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(lib, "g722_decode_free");

            var random = new Random(722);
            var input = new short[16000];
            for (var i = 0; i < input.Length; i++)
            {
                input[i] = (short)((8000 * Math.Sin(i * 0.3)) + (6000 * Math.Sin(i * 2.4)) + random.Next(-3000, 3000));
            }

            var theirs = new byte[8000];
            var ours = new byte[8000];
            var enc = encInit(0, 64000, 0);
            fixed (short* pin = input)
            fixed (byte* pout = theirs)
            {
                Assert.Equal(8000, encode(enc, pout, pin, input.Length));
            }

            encFree(enc);
            using var codec = new G722Codec();
            for (var f = 0; f < 50; f++)
            {
                codec.Encode(input.AsSpan(f * 320, 320), ours.AsSpan(f * 160, 160));
            }

            Assert.Equal(theirs, ours);

            var theirPcm = new short[16000];
            var ourPcm = new short[16000];
            var dec = decInit(0, 64000, 0);
            fixed (byte* pin = theirs)
            fixed (short* pout = theirPcm)
            {
                Assert.Equal(16000, decode(dec, pout, pin, theirs.Length));
            }

            decFree(dec);
            for (var f = 0; f < 50; f++)
            {
                codec.Decode(ours.AsSpan(f * 160, 160), ourPcm.AsSpan(f * 320, 320));
            }

            Assert.Equal(theirPcm, ourPcm);
        }
        finally
        {
            NativeLibrary.Free(lib);
        }
    }
}
