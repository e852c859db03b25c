namespace SipCube.Calls;

/// <summary>How the session decided a phone re-offer.</summary>
/// <param name="StatusCode">200, or the final status of the refusal (RFC 3261 §21).</param>
/// <param name="ReasonPhrase">The reason phrase to send.</param>
/// <param name="SdpAnswer">The SDP answer when <paramref name="StatusCode"/> is 200.</param>
public readonly record struct ReofferOutcome(int StatusCode, string ReasonPhrase, string? SdpAnswer)
{
    /// <summary>True when the offer was accepted.</summary>
    public bool Accepted => StatusCode == 200 && SdpAnswer is not null;
}
