using SipCube.Codecs;
using SipCube.Media.Relay;

namespace SipCube.Media.Transcoding;

/// <summary>What one transcoded direction needs: the codecs, both sides' formats, and our stream's RTP identity.</summary>
/// <remarks>RFC 3550 §5.1 (random initial sequence and timestamp), RFC 4733 §7.1.1 (event clock).</remarks>
internal sealed record TranscodingStreamSetup(
    IAudioCodec Decoder,
    IAudioCodec Encoder,
    RtpCodec InAudio,
    RtpCodec? InEvents,
    RtpCodec OutAudio,
    RtpCodec? OutEvents,
    uint Ssrc,
    ushort InitialSequence,
    uint InitialTimestamp);
