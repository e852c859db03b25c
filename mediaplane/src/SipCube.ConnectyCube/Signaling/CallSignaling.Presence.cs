using System.Globalization;
using System.Xml.Linq;
using SipCube.Xmpp.Framing;

namespace SipCube.ConnectyCube.Signaling;

/// <summary>Asks the chat server whether a callee is online before a call is placed.</summary>
/// <remarks>XEP-0012 §4: an <c>iq get</c> with <c>jabber:iq:last</c> to a bare JID is answered by the server for the
/// account; <c>seconds="0"</c> while a resource is online. The JS SDK's <c>getLastUserActivity</c> sends the same
/// query. Anything but a clear answer is <see cref="UserPresence.Indeterminate"/>, so a server without the feature
/// still gets the call.</remarks>
public sealed partial class CallSignaling
{
    /// <summary>The XEP-0012 namespace.</summary>
    public const string LastActivityNamespace = "jabber:iq:last";

    private static readonly XNamespace ClientNs = XmppNamespaces.Client;
    private static readonly XNamespace LastNs = LastActivityNamespace;
    private static readonly XNamespace StanzasNs = XmppNamespaces.Stanzas;

    /// <summary>Queries the last activity of <paramref name="userId"/>; never throws for server behaviour.</summary>
    public async Task<UserPresence> QueryPresenceAsync(int userId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var iq = new XElement(
            ClientNs + "iq",
            new XAttribute("type", "get"),
            new XAttribute("to", JidOf(userId)),
            new XElement(LastNs + "query"));
        var reply = await _client.RequestAsync(iq, timeout, cancellationToken).ConfigureAwait(false);
        return ReadPresence(reply);
    }

    /// <summary>Maps a last-activity reply (or none) to a presence.</summary>
    internal static UserPresence ReadPresence(XElement? reply)
    {
        if (reply is null)
        {
            return UserPresence.Indeterminate;
        }

        if (reply.Attribute("type")?.Value == "error")
        {
            var notFound = reply.Element(ClientNs + "error")?.Element(StanzasNs + "item-not-found") is not null;
            return notFound ? UserPresence.Unknown : UserPresence.Indeterminate;
        }

        var seconds = reply.Element(LastNs + "query")?.Attribute("seconds")?.Value;
        if (!long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var idle))
        {
            return UserPresence.Indeterminate;
        }

        return idle == 0 ? UserPresence.Online : UserPresence.Offline;
    }
}
