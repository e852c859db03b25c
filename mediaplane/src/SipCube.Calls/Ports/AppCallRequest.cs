namespace SipCube.Calls.Ports;

/// <summary>A ConnectyCube <c>call</c> signal addressed to a phone's ConnectyCube identity (app -> phone).</summary>
/// <remarks>connectycube-protocol.md §3.2.</remarks>
public sealed record AppCallRequest
{
    /// <summary>The ConnectyCube call session id.</summary>
    public required string SessionId { get; init; }

    /// <summary>The calling app user.</summary>
    public required long CallerUserId { get; init; }

    /// <summary>The called ConnectyCube identity (a phone's).</summary>
    public required long CalleeUserId { get; init; }

    /// <summary>The caller's display name from <c>userInfo</c>, if any.</summary>
    public string? CallerName { get; init; }

    /// <summary>The SDP offer of the <c>call</c> signal.</summary>
    public required string SdpOffer { get; init; }
}
