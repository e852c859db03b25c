namespace SipCube.Codecs.Jitter;

/// <summary>Jitter buffer sizing: RTP clock, packet duration, slot count, payload cap and the delay bounds.</summary>
/// <param name="ClockRate">RTP timestamp clock of the stream (8000 for PCMU/G.722/G.729, 48000 for Opus).</param>
/// <param name="FrameDuration">Playout tick and packet duration (20 ms).</param>
/// <param name="Capacity">Slots, a power of two; packets further ahead than this are treated as a stream restart.</param>
/// <param name="MaxPayloadBytes">Largest payload kept; larger ones are refused (Opus voice stays well below).</param>
/// <param name="MinDelay">Lowest target playout delay.</param>
/// <param name="MaxDelay">Highest target playout delay.</param>
public sealed record JitterBufferOptions(
    int ClockRate,
    TimeSpan FrameDuration,
    int Capacity = 64,
    int MaxPayloadBytes = 1500,
    TimeSpan MinDelay = default,
    TimeSpan MaxDelay = default)
{
    /// <summary>The lower delay bound actually used (one frame when unset).</summary>
    public TimeSpan EffectiveMinDelay => MinDelay > TimeSpan.Zero ? MinDelay : FrameDuration;

    /// <summary>The upper delay bound actually used (200 ms when unset).</summary>
    public TimeSpan EffectiveMaxDelay => MaxDelay > TimeSpan.Zero ? MaxDelay : TimeSpan.FromMilliseconds(200);

    /// <summary>Defaults for a 20 ms stream at <paramref name="clockRate"/>.</summary>
    public static JitterBufferOptions For(int clockRate) => new(clockRate, TimeSpan.FromMilliseconds(20));
}
