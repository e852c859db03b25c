namespace SipCube.ControlPlane.Tokens;

/// <summary>Body of <c>POST /api/tokens</c>: exactly one of the two mapping keys.</summary>
/// <remarks>ARCHITECTURE.md "Fixed interfaces"; issue 5 item 2.</remarks>
internal sealed record TokenRequest
{
    /// <summary>The mapping's SIP URI, <c>sip:user@domain</c>.</summary>
    public string? SipUri { get; init; }

    /// <summary>The mapping's ConnectyCube user id.</summary>
    public long? ConnectyCubeUserId { get; init; }
}
