using System.Buffers.Binary;

namespace SipCube.Testing.Audio;

/// <summary>
/// A WAV file's audio as mono samples in [-1, 1]: 16-bit PCM (format 1 or WAVE_FORMAT_EXTENSIBLE with the PCM
/// sub-format) or G.711 μ-law (format 7), any channel count (mixed down), any rate.
/// </summary>
/// <remarks>
/// Tolerates a header that was never finalised (data size 0, 0xFFFFFFFF or past the end of the file), which is what
/// a recorder leaves behind while it is still writing or after it was killed: the samples then run to the end of file.
/// </remarks>
public sealed class WavAudio
{
    private const ushort FormatPcm = 1;
    private const ushort FormatMuLaw = 7;
    private const ushort FormatExtensible = 0xFFFE;

    private WavAudio(int sampleRate, int channels, float[] samples)
    {
        SampleRate = sampleRate;
        Channels = channels;
        Samples = samples;
    }

    /// <summary>Samples per second.</summary>
    public int SampleRate { get; }

    /// <summary>Channels in the file (the samples here are their mean).</summary>
    public int Channels { get; }

    /// <summary>Mono samples in [-1, 1].</summary>
    public float[] Samples { get; }

    /// <summary>Length in seconds.</summary>
    public double Seconds => (double)Samples.Length / SampleRate;

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InvalidDataException"/> when it is no WAV this reads.</summary>
    public static WavAudio Read(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>Parses a whole WAV file held in memory.</summary>
    public static WavAudio Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !file[..4].SequenceEqual("RIFF"u8) || !file.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("not a RIFF/WAVE file");
        }

        ushort format = 0, channels = 0, bits = 0;
        var rate = 0;
        var offset = 12;
        while (offset + 8 <= file.Length)
        {
            var id = file.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > file.Length)
                {
                    throw new InvalidDataException("fmt chunk too short");
                }

                format = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(body, 2));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(body + 2, 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(file.Slice(body + 4, 4));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(body + 14, 2));
                if (format == FormatExtensible && size >= 26 && body + 26 <= file.Length)
                {
                    // The sub-format GUID starts with the plain format code.
                    format = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(body + 24, 2));
                }
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format == 0)
                {
                    throw new InvalidDataException("data chunk before fmt chunk");
                }

                var available = file.Length - body;
                var length = size == 0 || size > (uint)available ? available : (int)size;
                return new WavAudio(rate, channels, Decode(file.Slice(body, length), format, channels, bits));
            }

            offset = body + (int)Math.Min(size + (size & 1), (uint)(file.Length - body));
        }

        throw new InvalidDataException("no data chunk");
    }

    private static float[] Decode(ReadOnlySpan<byte> data, ushort format, int channels, int bits)
    {
        if (channels < 1 || channels > 8)
        {
            throw new InvalidDataException($"unsupported channel count {channels}");
        }

        var bytesPerSample = format switch
        {
            FormatPcm when bits == 16 => 2,
            FormatMuLaw when bits == 8 => 1,
            _ => throw new InvalidDataException($"unsupported WAV format {format} with {bits} bits (16-bit PCM or 8-bit μ-law only)"),
        };
        var frames = data.Length / (bytesPerSample * channels);
        var samples = new float[frames];
        for (var frame = 0; frame < frames; frame++)
        {
            var sum = 0f;
            for (var channel = 0; channel < channels; channel++)
            {
                var at = (frame * channels + channel) * bytesPerSample;
                sum += bytesPerSample == 2
                    ? BinaryPrimitives.ReadInt16LittleEndian(data.Slice(at, 2)) / 32768f
                    : MuLaw.Decode(data[at]) / 32768f;
            }

            samples[frame] = sum / channels;
        }

        return samples;
    }
}
