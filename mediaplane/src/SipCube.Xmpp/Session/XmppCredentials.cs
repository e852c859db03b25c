namespace SipCube.Xmpp.Session;

/// <summary>What one connection attempt logs in with: the SASL PLAIN authcid, its password (or token) and the domain.</summary>
/// <remarks>RFC 4616 §2 (PLAIN message), RFC 6120 §6.</remarks>
public sealed record XmppCredentials(string Username, string Password, string Domain)
{
    /// <inheritdoc />
    public override string ToString() => $"XmppCredentials {{ Username = {Username}, Domain = {Domain} }}";
}
