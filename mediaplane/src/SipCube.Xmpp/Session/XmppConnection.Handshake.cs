using System.Text;
using System.Xml.Linq;

namespace SipCube.Xmpp.Session;

/// <summary>The stream-negotiation half of <see cref="XmppConnection"/>.</summary>
internal sealed partial class XmppConnection
{
    private async Task<XElement> OpenStreamAsync(string domain, CancellationToken ct)
    {
        await SendAsync(
            new XElement(Framing + "open", new XAttribute("to", domain), new XAttribute("version", "1.0")),
            ct).ConfigureAwait(false);
        var open = await ExpectAsync(ct).ConfigureAwait(false);
        if (open.Name != Framing + "open")
        {
            throw new XmppException("expected <open/> from server, got <" + open.Name.LocalName + ">");
        }

        var features = await ExpectAsync(ct).ConfigureAwait(false);
        if (features.Name != Stream + "features")
        {
            throw new XmppException("expected <stream:features/>, got <" + features.Name.LocalName + ">");
        }

        return features;
    }

    private async Task AuthenticateAsync(XmppCredentials credentials, CancellationToken ct)
    {
        // RFC 4616 §2: [authzid] NUL authcid NUL passwd; the authzid stays empty (connectycube-protocol.md §2.3).
        var payload = Encoding.UTF8.GetBytes("\0" + credentials.Username + "\0" + credentials.Password);
        await SendAsync(
            new XElement(Sasl + "auth", new XAttribute("mechanism", "PLAIN"), Convert.ToBase64String(payload)),
            ct).ConfigureAwait(false);
        var reply = await ExpectAsync(ct).ConfigureAwait(false);
        if (reply.Name == Sasl + "success")
        {
            return;
        }

        var condition = reply.Name == Sasl + "failure"
            ? reply.Elements().FirstOrDefault(e => e.Name.LocalName != "text")?.Name.LocalName ?? "not-authorized"
            : "unexpected-" + reply.Name.LocalName;
        throw new XmppException("SASL PLAIN refused: " + condition, condition, authenticationFailed: true);
    }

    private async Task BindAsync(CancellationToken ct)
    {
        var bind = new XElement(BindNs + "bind");
        if (_options.Resource is { } resource)
        {
            bind.Add(new XElement(BindNs + "resource", resource));
        }

        const string id = "bind_1";
        await SendAsync(
            new XElement(ClientNs + "iq", new XAttribute("type", "set"), new XAttribute("id", id), bind),
            ct).ConfigureAwait(false);
        var reply = await ExpectAsync(ct).ConfigureAwait(false);
        var jidText = reply.Element(BindNs + "bind")?.Element(BindNs + "jid")?.Value;
        if (reply.Attribute("type")?.Value != "result" || !Stanzas.Jid.TryParse(jidText, out var jid))
        {
            throw new XmppException("resource binding failed");
        }

        BoundJid = jid;
    }

    private async Task<XElement> ExpectAsync(CancellationToken ct)
    {
        return await ReadAsync(ct).ConfigureAwait(false)
            ?? throw new XmppException("server closed the stream during negotiation");
    }
}
