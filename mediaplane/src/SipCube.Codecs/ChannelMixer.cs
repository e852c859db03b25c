namespace SipCube.Codecs;

/// <summary>Mono/stereo conversion of interleaved PCM16 (stereo is left, right, left, right...).</summary>
public static class ChannelMixer
{
    /// <summary>Averages each left/right pair into one mono sample; returns the mono sample count.</summary>
    public static int StereoToMono(ReadOnlySpan<short> stereo, Span<short> mono)
    {
        var frames = stereo.Length / 2;
        ArgumentOutOfRangeException.ThrowIfLessThan(mono.Length, frames);
        for (var i = 0; i < frames; i++)
        {
            mono[i] = (short)((stereo[2 * i] + stereo[(2 * i) + 1]) >> 1);
        }

        return frames;
    }

    /// <summary>Duplicates each mono sample to both channels; returns the interleaved sample count.</summary>
    public static int MonoToStereo(ReadOnlySpan<short> mono, Span<short> stereo)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stereo.Length, mono.Length * 2);

        // Backwards so mono and stereo may share the start of one buffer.
        for (var i = mono.Length - 1; i >= 0; i--)
        {
            var sample = mono[i];
            stereo[(2 * i) + 1] = sample;
            stereo[2 * i] = sample;
        }

        return mono.Length * 2;
    }
}
