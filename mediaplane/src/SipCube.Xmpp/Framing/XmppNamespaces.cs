namespace SipCube.Xmpp.Framing;

/// <summary>XML namespaces used on an XMPP-over-WebSocket stream.</summary>
/// <remarks>RFC 7395 §3.3 (framing), RFC 6120 §6 (SASL), §7 (bind), XEP-0199 (ping).</remarks>
public static class XmppNamespaces
{
    /// <summary>The WebSocket framing namespace of <c>open</c> and <c>close</c>.</summary>
    public const string Framing = "urn:ietf:params:xml:ns:xmpp-framing";

    /// <summary>The default namespace of client stanzas.</summary>
    public const string Client = "jabber:client";

    /// <summary>The stream namespace that carries <c>features</c> and <c>error</c>.</summary>
    public const string Stream = "http://etherx.jabber.org/streams";

    /// <summary>SASL negotiation.</summary>
    public const string Sasl = "urn:ietf:params:xml:ns:xmpp-sasl";

    /// <summary>Resource binding.</summary>
    public const string Bind = "urn:ietf:params:xml:ns:xmpp-bind";

    /// <summary>Stanza error conditions.</summary>
    public const string Stanzas = "urn:ietf:params:xml:ns:xmpp-stanzas";

    /// <summary>Stream error conditions.</summary>
    public const string Streams = "urn:ietf:params:xml:ns:xmpp-streams";

    /// <summary>XEP-0199 application-level ping.</summary>
    public const string Ping = "urn:xmpp:ping";
}
