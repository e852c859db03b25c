namespace SipCube.Media.Relay;

/// <summary>What one call's relay needs from the two legs' negotiated SDP.</summary>
public sealed class RtpRelayOptions
{
    /// <summary>Formats the SIP leg negotiated, with its payload type numbers.</summary>
    public required IReadOnlyCollection<RtpCodec> SipCodecs { get; init; }

    /// <summary>Formats the app (WebRTC) leg negotiated, with its payload type numbers.</summary>
    public required IReadOnlyCollection<RtpCodec> AppCodecs { get; init; }

    /// <summary>How long after the answer a NATed phone may be latched from an unsignalled address.</summary>
    public TimeSpan LatchWindow { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The SSRC of the stream toward the app, when the app leg already announced one (a WebRTC endpoint's
    /// <c>a=ssrc</c>, RFC 8829 §5.2.1); null picks a random one.</summary>
    public uint? AppSsrc { get; init; }

    /// <summary>First sequence number and timestamp toward the app, to continue an earlier stream of the same SSRC
    /// (a relay replacing another after the phone changed codec, RFC 7667 §3.2.1.3); null picks random ones.</summary>
    public (ushort Sequence, uint Timestamp)? AppContinuation { get; init; }

    /// <summary>Source of the relay's SSRCs and initial sequence/timestamp values (RFC 3550 §5.1: random).</summary>
    public Random Random { get; init; } = Random.Shared;
}
