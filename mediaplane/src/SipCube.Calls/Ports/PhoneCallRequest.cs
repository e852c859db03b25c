using SipCube.Contracts.Mappings;

namespace SipCube.Calls.Ports;

/// <summary>An authenticated INVITE from a registered phone (phone -> app).</summary>
/// <remarks>RFC 3261 §8.2 (the adapter has already authenticated the request, §22).</remarks>
public sealed record PhoneCallRequest
{
    /// <summary>The SIP Call-ID of the INVITE.</summary>
    public required string SipCallId { get; init; }

    /// <summary>The authenticated caller's mapping.</summary>
    public required MappingIdentity Caller { get; init; }

    /// <summary>User part of the Request-URI.</summary>
    public required string TargetUser { get; init; }

    /// <summary>Host part of the Request-URI, lowercase.</summary>
    public required string TargetDomain { get; init; }

    /// <summary>The SDP offer of the INVITE.</summary>
    public required string SdpOffer { get; init; }
}
