using SipCube.Sip.Transport;

namespace SipCube.Sip.Registrar;

/// <summary>One registered contact of an address-of-record.</summary>
/// <remarks>
/// RFC 3261 §10.3. <see cref="Contact"/> is the URI the phone sent; <see cref="ReachableUri"/> is the same
/// URI with host and port replaced by the observed source when they differ (phone behind NAT), and
/// <see cref="Flow"/> is the flow to send requests on (RFC 5626 style: reuse the phone's connection/mapping).
/// </remarks>
public sealed record ContactBinding(
    string Aor,
    string Contact,
    string ReachableUri,
    SipFlow Flow,
    string CallId,
    long CSeq,
    DateTimeOffset ExpiresAt,
    string? UserAgent)
{
    /// <summary>True when the Contact did not match the observed source (NAT rewrite applied).</summary>
    public bool Rewritten => !string.Equals(Contact, ReachableUri, StringComparison.Ordinal);
}
