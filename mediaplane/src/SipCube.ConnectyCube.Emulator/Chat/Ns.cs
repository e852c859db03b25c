using System.Xml.Linq;

namespace SipCube.ConnectyCube.Emulator.Chat;

/// <summary>XML namespaces of the chat server (RFC 7395 §3.3, RFC 6120).</summary>
internal static class Ns
{
    public static readonly XNamespace Framing = "urn:ietf:params:xml:ns:xmpp-framing";
    public static readonly XNamespace Client = "jabber:client";
    public static readonly XNamespace Sasl = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static readonly XNamespace Bind = "urn:ietf:params:xml:ns:xmpp-bind";
    public static readonly XNamespace Ping = "urn:xmpp:ping";
    public static readonly XNamespace Last = "jabber:iq:last";
}
