namespace SipCube.Codecs;

/// <summary>Opus encoder settings applied through opus_encoder_ctl at creation.</summary>
/// <remarks>RFC 6716 §2.1; RFC 7587 §3.1.3 (ptime, maxaveragebitrate, useinbandfec, usedtx).</remarks>
/// <param name="Channels">PCM channels for encode and decode (1 or 2); the SDP name stays opus/48000/2.</param>
/// <param name="Bitrate">Target bit rate in bit/s (6000..510000).</param>
/// <param name="Complexity">Encoder complexity 0..10; lower is cheaper per frame.</param>
/// <param name="InbandFec">Whether to add in-band forward error correction.</param>
/// <param name="PacketLossPercent">Expected loss, which steers how much FEC is spent.</param>
/// <param name="Dtx">Whether to stop sending during silence.</param>
public sealed record OpusOptions(
    int Channels = 1,
    int Bitrate = 32000,
    int Complexity = 5,
    bool InbandFec = true,
    int PacketLossPercent = 5,
    bool Dtx = false)
{
    /// <summary>Settings for narrow/wide band voice on a bridge: mono, 32 kbit/s, complexity 5, FEC on.</summary>
    public static OpusOptions Voice { get; } = new();
}
