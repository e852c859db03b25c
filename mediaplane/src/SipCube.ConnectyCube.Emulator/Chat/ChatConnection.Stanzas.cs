using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace SipCube.ConnectyCube.Emulator.Chat;

/// <summary>SASL, bind, IQ and routing of <see cref="ChatConnection"/>.</summary>
internal sealed partial class ChatConnection
{
    private void HandleAuth(XElement element)
    {
        if (element.Name != Ns.Sasl + "auth")
        {
            StreamError("not-authorized");
            return;
        }

        if (element.Attribute("mechanism")?.Value != "PLAIN")
        {
            SaslFailure("invalid-mechanism");
            return;
        }

        // RFC 4616 §2: [authzid] NUL authcid NUL passwd; authcid is "<userId>-<appId>" (connectycube-protocol.md §2.3).
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Convert.FromBase64String(element.Value)).Split('\0');
        }
        catch (FormatException)
        {
            SaslFailure("incorrect-encoding");
            return;
        }

        if (parts.Length != 3 || !TryParseChatName(parts[1], out var userId, out var applicationId) || !Verify(userId, applicationId, parts[2]))
        {
            SaslFailure("not-authorized");
            return;
        }

        ChatName = parts[1];
        Send("<success xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"/>");
        _state = ChatState.Restart;
    }

    private bool Verify(int userId, int applicationId, string secret)
    {
        var user = _directory.FindUser(applicationId, userId);
        if (user is null)
        {
            return false;
        }

        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user.Password), Encoding.UTF8.GetBytes(secret)))
        {
            return true;
        }

        return _directory.Touch(secret) is { } session && session.UserId == userId && session.ApplicationId == applicationId;
    }

    private void SaslFailure(string condition)
    {
        EmulatorLog.AuthFailed(_logger, condition);
        Send($"<failure xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><{condition}/></failure>");
        if (++_authFailures >= MaxAuthFailures)
        {
            StreamError("policy-violation");
        }
    }

    private void HandleStanza(XElement element, string text)
    {
        if (element.Name == Ns.Client + "iq")
        {
            HandleIq(element);
        }
        else if (_state != ChatState.Bound)
        {
            StreamError("not-authorized");
        }
        else if (element.Name == Ns.Client + "message")
        {
            Route(element, text);
        }
        else if (element.Name != Ns.Client + "presence")
        {
            StreamError("unsupported-stanza-type");
        }
    }

    private void HandleIq(XElement iq)
    {
        var id = Escape(iq.Attribute("id")?.Value ?? string.Empty);
        var type = iq.Attribute("type")?.Value;
        if (type is "result" or "error")
        {
            return;
        }

        if (type is not ("get" or "set"))
        {
            StanzaError(iq, "modify", "bad-request");
            return;
        }

        if (iq.Element(Ns.Bind + "bind") is { } bind)
        {
            if (_state is not (ChatState.Bind or ChatState.Bound))
            {
                StreamError("not-authorized");
                return;
            }

            var requested = bind.Element(Ns.Bind + "resource")?.Value;
            Resource = requested is { Length: > 0 and <= 64 } ? requested
                : string.Create(CultureInfo.InvariantCulture, $"{_directory.Time.GetUtcNow().ToUnixTimeSeconds()}-emulator-{RandomNumberGenerator.GetInt32(1_000_000, 9_999_999)}");
            _state = ChatState.Bound;
            _router.Register(this);
            Send($"<iq xmlns=\"jabber:client\" type=\"result\" id=\"{id}\"><bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"><jid>{Escape(FullJid)}</jid></bind></iq>");
            return;
        }

        if (_state != ChatState.Bound)
        {
            StreamError("not-authorized");
            return;
        }

        if (type == "get" && iq.Element(Ns.Last + "query") is not null && TryParseJid(iq.Attribute("to")?.Value, out var target, out _))
        {
            AnswerLastActivity(iq, id, target);
            return;
        }

        // Ping, carbons, session and the SDK's other set-and-forget IQs all get an empty result (§7 point 8).
        Send($"<iq xmlns=\"jabber:client\" type=\"result\" id=\"{id}\" from=\"{Escape(_domain)}\" to=\"{Escape(FullJid)}\"/>");
    }

    /// <summary>
    /// XEP-0012 §4, answered by the server for the account: <c>seconds="0"</c> while the user has a bound connection,
    /// the time since the account was created otherwise (the emulator keeps no logout times), <c>item-not-found</c>
    /// for a user that does not exist. The bridge asks this before it rings an app user.
    /// </summary>
    private void AnswerLastActivity(XElement iq, string id, string target)
    {
        TryParseChatName(target, out var userId, out var applicationId);
        if (_directory.FindUser(applicationId, userId) is not { } user)
        {
            StanzaError(iq, "cancel", "item-not-found");
            return;
        }

        var seconds = _router.IsOnline(target) ? 0 : Math.Max(1, (long)(_directory.Time.GetUtcNow() - user.CreatedAt).TotalSeconds);
        Send($"<iq xmlns=\"jabber:client\" type=\"result\" id=\"{id}\" from=\"{Escape(target)}@{Escape(_domain)}\" to=\"{Escape(FullJid)}\">" +
            $"<query xmlns=\"jabber:iq:last\" seconds=\"{seconds.ToString(CultureInfo.InvariantCulture)}\"/></iq>");
    }

    private void Route(XElement message, string text)
    {
        var to = message.Attribute("to")?.Value;
        if (!TryParseJid(to, out var chatName, out var resource))
        {
            StanzaError(message, "modify", "jid-malformed");
            return;
        }

        var delivered = _router.Deliver(chatName, resource, StampFrom(message, text, FullJid));
        EmulatorLog.Routed(_logger, ChatName!, chatName, delivered);
    }

    private void StanzaError(XElement stanza, string type, string condition)
    {
        var name = stanza.Name.LocalName;
        var id = Escape(stanza.Attribute("id")?.Value ?? string.Empty);
        var from = stanza.Attribute("to")?.Value is { } to ? $" from=\"{Escape(to)}\"" : string.Empty;
        Send($"<{name} xmlns=\"jabber:client\" type=\"error\" id=\"{id}\"{from}><error type=\"{type}\"><{condition} xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/></error></{name}>");
    }

    /// <summary>
    /// Adds <c>from</c> = the sender's full JID (RFC 6120 §8.1.2.1) by editing the start tag only, so the body keeps
    /// its raw CRLF line ends (an XML parser would turn them into LF). A client-supplied <c>from</c> is replaced.
    /// </summary>
    internal static string StampFrom(XElement parsed, string text, string fromJid)
    {
        var start = text.IndexOf('<', StringComparison.Ordinal);
        var nameEnd = start + 1;
        while (nameEnd < text.Length && !char.IsWhiteSpace(text[nameEnd]) && text[nameEnd] is not ('>' or '/'))
        {
            nameEnd++;
        }

        var stamp = $" from=\"{Escape(fromJid)}\"";
        if (parsed.Attribute("from") is null)
        {
            return string.Concat(text.AsSpan(0, nameEnd), stamp, text.AsSpan(nameEnd));
        }

        var copy = new XElement(parsed);
        copy.SetAttributeValue("from", fromJid);
        return copy.ToString(SaveOptions.DisableFormatting);
    }

    internal static bool TryParseChatName(string? localPart, out int userId, out int applicationId)
    {
        userId = applicationId = 0;
        var dash = localPart?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        return dash > 0
            && int.TryParse(localPart.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out userId)
            && int.TryParse(localPart.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out applicationId);
    }

    private static bool TryParseJid(string? jid, out string chatName, out string? resource)
    {
        chatName = string.Empty;
        resource = null;
        var at = jid?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        if (at <= 0)
        {
            return false;
        }

        chatName = jid![..at];
        var slash = jid.IndexOf('/', at);
        resource = slash > 0 && slash < jid.Length - 1 ? jid[(slash + 1)..] : null;
        return TryParseChatName(chatName, out _, out _);
    }
}
