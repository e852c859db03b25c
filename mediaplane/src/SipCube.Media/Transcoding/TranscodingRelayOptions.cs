using SipCube.Media.Relay;

namespace SipCube.Media.Transcoding;

/// <summary>What a transcoded call's relay needs from the two legs' negotiated SDP.</summary>
/// <remarks>RFC 3264 §6.1 (each leg's own payload type numbers), RFC 4733 §7.1.1 (telephone-event per clock).</remarks>
public sealed class TranscodingRelayOptions
{
    /// <summary>The SIP leg's audio format (PCMU, PCMA, G722, G729 or opus).</summary>
    public required RtpCodec SipAudio { get; init; }

    /// <summary>The SIP leg's telephone-event format, if negotiated.</summary>
    public RtpCodec? SipEvents { get; init; }

    /// <summary>The app leg's audio format.</summary>
    public required RtpCodec AppAudio { get; init; }

    /// <summary>The app leg's telephone-event format, if negotiated.</summary>
    public RtpCodec? AppEvents { get; init; }

    /// <summary>The SSRC toward the app when its leg already announced one (RFC 8829 §5.2.1); null picks one.</summary>
    public uint? AppSsrc { get; init; }

    /// <summary>First sequence number and timestamp toward the app, to continue an earlier stream of the same SSRC
    /// after the phone switched codec (RFC 7667 §3.2.1.3); null picks random ones.</summary>
    public (ushort Sequence, uint Timestamp)? AppContinuation { get; init; }

    /// <summary>How long after the answer a NATed phone may be latched from an unsignalled address.</summary>
    public TimeSpan LatchWindow { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Opus encoder complexity 0-10 (lower is cheaper; 1-3 is plenty for a bridge's voice).</summary>
    public int OpusComplexity { get; init; } = 3;

    /// <summary>Source of SSRCs and initial values (RFC 3550 §5.1: random).</summary>
    public Random Random { get; init; } = Random.Shared;
}
