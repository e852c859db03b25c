namespace SipCube.Contracts.Cdrs;

/// <summary>
/// One finished call, written by the media node and stored idempotently by <see cref="CallId"/>.
/// JSON (camelCase) through <see cref="ContractsJsonContext"/>.
/// </summary>
/// <remarks>Termination SIP status per RFC 3261 §21; times are UTC.</remarks>
public sealed record CallDetailRecord
{
    /// <summary>Unique id of the bridged call (the idempotency key).</summary>
    public required string CallId { get; init; }

    /// <summary>Which side started the call.</summary>
    public required CallDirection Direction { get; init; }

    /// <summary>Caller SIP URI, when the caller has one (a phone, or the mapping of an app user).</summary>
    public string? FromSipUri { get; init; }

    /// <summary>Callee SIP URI.</summary>
    public string? ToSipUri { get; init; }

    /// <summary>Caller ConnectyCube user id.</summary>
    public long? FromConnectyCubeUserId { get; init; }

    /// <summary>Callee ConnectyCube user id.</summary>
    public long? ToConnectyCubeUserId { get; init; }

    /// <summary>When the call started (INVITE or ConnectyCube <c>call</c> received).</summary>
    public required DateTimeOffset StartUtc { get; init; }

    /// <summary>When the callee answered; null for unanswered calls.</summary>
    public DateTimeOffset? AnswerUtc { get; init; }

    /// <summary>When the call ended.</summary>
    public required DateTimeOffset EndUtc { get; init; }

    /// <summary>Answered (talk) duration in milliseconds; 0 when unanswered.</summary>
    public long DurationMs { get; init; }

    /// <summary>Why the call ended, e.g. <c>normal_clearing</c>, <c>busy</c>, <c>no_answer</c>, <c>rejected</c>.</summary>
    public required string TerminationCause { get; init; }

    /// <summary>Final SIP status of the SIP leg (RFC 3261 §21), when there was one.</summary>
    public int? SipStatus { get; init; }

    /// <summary>The SIP leg's media quality.</summary>
    public CallLegRecord? SipLeg { get; init; }

    /// <summary>The WebRTC (ConnectyCube) leg's media quality.</summary>
    public CallLegRecord? WebRtcLeg { get; init; }

    /// <summary>Id of the media node that bridged the call.</summary>
    public required string MediaNodeId { get; init; }
}
