namespace SipCube.Calls.Sip;

/// <summary>Settings of the SIP edge of the bridge.</summary>
/// <remarks>RFC 3261 §8.1.1.3 (From of requests we originate), §20.41 (User-Agent), §20.33 (Retry-After),
/// §22.1 (realm).</remarks>
public sealed record SipCallOptions
{
    /// <summary>Our SIP domain: host part of the From URI of INVITEs we send to phones.</summary>
    public string Domain { get; init; } = "sipcube.local";

    /// <summary>User part of that From URI when the caller has none of its own.</summary>
    public string FromUser { get; init; } = "sipcube";

    /// <summary>Display name in that From header when the caller's name is unknown.</summary>
    public string DisplayName { get; init; } = "SipCube";

    /// <summary>User-Agent header of our requests (null leaves it out).</summary>
    public string? UserAgent { get; init; } = "SipCube";

    /// <summary>Fixed digest realm for INVITEs; null means the host of the caller's From URI (its mapping's domain,
    /// as the registrar does for REGISTER).</summary>
    public string? Realm { get; init; }

    /// <summary>Retry-After (seconds) of the 503 sent while the node drains.</summary>
    public int RetryAfterSeconds { get; init; } = 30;
}
