using System.Globalization;
using System.Xml.Linq;
using SipCube.Xmpp.Framing;

namespace SipCube.ConnectyCube.Signaling;

/// <summary>
/// Maps <see cref="CallSignal"/> to and from the headline message with an <c>extraParams</c> block. Reading follows
/// the web SDK: no <c>from</c> or a <c>&lt;delay&gt;</c> means drop, an empty <c>sdpMLineIndex</c> is 0, CRLF is
/// restored in SDP (XML parsing turns it into LF).
/// </summary>
/// <remarks>connectycube-protocol.md §3.1, §3.3, §3.4.</remarks>
public static class CallSignalCodec
{
    /// <summary>The <c>moduleIdentifier</c> of call signals.</summary>
    public const string ModuleIdentifier = "WebRTCVideoChat";

    private static readonly XNamespace Client = XmppNamespaces.Client;

    private static readonly Dictionary<string, CallSignalType> Types = new(StringComparer.Ordinal)
    {
        ["call"] = CallSignalType.Call,
        ["accept"] = CallSignalType.Accept,
        ["reject"] = CallSignalType.Reject,
        ["hangUp"] = CallSignalType.HangUp,
        ["iceCandidates"] = CallSignalType.IceCandidates,
        ["iceRestart"] = CallSignalType.IceRestart,
        ["iceRestartAccept"] = CallSignalType.IceRestartAccept,
    };

    /// <summary>The wire name of a signal type.</summary>
    public static string WireName(CallSignalType type) => Types.First(p => p.Value == type).Key;

    /// <summary>Builds the message stanza; <c>from</c> stays unset for the server to stamp.</summary>
    public static XElement Encode(CallSignal signal, string toJid, string messageId)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var extra = new XElement(Client + "extraParams");
        if (signal.UserInfo.Count > 0)
        {
            extra.Add(EncodeUserInfo(signal.UserInfo));
        }

        extra.Add(
            new XElement(Client + "sessionID", signal.SessionId),
            new XElement(Client + "callType", ((int)signal.CallType).ToString(CultureInfo.InvariantCulture)),
            new XElement(Client + "callerID", signal.CallerId.ToString(CultureInfo.InvariantCulture)),
            new XElement(Client + "opponentsIDs", signal.OpponentIds.Select(id => new XElement(Client + "opponentID", id.ToString(CultureInfo.InvariantCulture)))));
        if (signal.Sdp is not null)
        {
            extra.Add(new XElement(Client + "sdp", signal.Sdp));
        }

        if (signal.IceCandidates.Count > 0)
        {
            extra.Add(new XElement(Client + "iceCandidates", signal.IceCandidates.Select(c => new XElement(
                Client + "iceCandidate",
                new XElement(Client + "sdpMLineIndex", c.SdpMLineIndex.ToString(CultureInfo.InvariantCulture)),
                new XElement(Client + "sdpMid", c.SdpMid ?? string.Empty),
                new XElement(Client + "candidate", c.Candidate)))));
        }

        extra.Add(
            new XElement(Client + "moduleIdentifier", ModuleIdentifier),
            new XElement(Client + "signalType", WireName(signal.Type)),
            new XElement(Client + "platform", signal.Platform ?? "web"));
        return new XElement(
            Client + "message",
            new XAttribute("to", toJid),
            new XAttribute("type", "headline"),
            new XAttribute("id", messageId),
            extra);
    }

    /// <summary>Reads a call signal from a message stanza; never throws for peer input.</summary>
    public static CallSignalParseResult Decode(XElement message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var extra = message.Element(Client + "extraParams");
        if (extra is null || extra.Element(Client + "moduleIdentifier")?.Value != ModuleIdentifier)
        {
            return CallSignalParseResult.Fail(CallSignalError.NotASignal);
        }

        if (message.Elements().Any(e => e.Name.LocalName == "delay"))
        {
            return CallSignalParseResult.Fail(CallSignalError.Delayed);
        }

        if (!TryReadSender(message.Attribute("from")?.Value, out var sender))
        {
            return CallSignalParseResult.Fail(CallSignalError.MissingFrom);
        }

        if (!Types.TryGetValue(extra.Element(Client + "signalType")?.Value ?? string.Empty, out var type))
        {
            return CallSignalParseResult.Fail(CallSignalError.UnknownType);
        }

        var sessionId = extra.Element(Client + "sessionID")?.Value;
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > 128)
        {
            return CallSignalParseResult.Fail(CallSignalError.MissingSessionId);
        }

        var callerText = extra.Element(Client + "callerID")?.Value;
        var opponents = extra.Element(Client + "opponentsIDs")?.Elements(Client + "opponentID")
            .Select(o => int.TryParse(o.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).ToList() ?? [];
        var hasCaller = int.TryParse(callerText, NumberStyles.None, CultureInfo.InvariantCulture, out var callerId);
        if (type == CallSignalType.Call && (!hasCaller || opponents.Count == 0))
        {
            return CallSignalParseResult.Fail(CallSignalError.MissingCallFields);
        }

        var sdp = extra.Element(Client + "sdp")?.Value;
        return CallSignalParseResult.Ok(new CallSignal
        {
            Type = type,
            SessionId = sessionId,
            CallType = extra.Element(Client + "callType")?.Value == "2" ? CallType.Audio : CallType.Video,
            CallerId = hasCaller ? callerId : 0,
            OpponentIds = opponents,
            Sdp = sdp is null ? null : RestoreCrlf(sdp),
            Platform = extra.Element(Client + "platform")?.Value,
            UserInfo = DecodeUserInfo(extra.Element(Client + "userInfo")),
            IceCandidates = DecodeCandidates(extra.Element(Client + "iceCandidates")),
            SenderId = sender,
            MessageId = message.Attribute("id")?.Value,
        });
    }

    /// <summary>The user id in a JID <c>&lt;userId&gt;-&lt;appId&gt;@domain/resource</c>: the part before the first '-'.</summary>
    public static bool TryReadSender(string? jid, out int userId)
    {
        userId = 0;
        var dash = jid?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        var at = jid?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        return dash > 0 && at > dash
            && int.TryParse(jid.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out userId) && userId > 0;
    }

    /// <summary>XML parsing normalises CRLF to LF; SDP needs CRLF back (RFC 8866 §5).</summary>
    internal static string RestoreCrlf(string sdp) =>
        sdp.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);

    private static XElement EncodeUserInfo(IReadOnlyDictionary<string, string> info)
    {
        var root = new XElement(Client + "userInfo");
        foreach (var (key, value) in info)
        {
            var parent = root;
            var parts = key.Split('.');
            for (var i = 0; i < parts.Length - 1; i++)
            {
                var next = parent.Element(Client + parts[i]);
                if (next is null)
                {
                    next = new XElement(Client + parts[i]);
                    parent.Add(next);
                }

                parent = next;
            }

            parent.Add(new XElement(Client + parts[^1], value));
        }

        return root;
    }

    private static Dictionary<string, string> DecodeUserInfo(XElement? info)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (info is null)
        {
            return result;
        }

        foreach (var leaf in info.Descendants().Where(e => !e.HasElements).Take(64))
        {
            var path = leaf.AncestorsAndSelf().TakeWhile(e => e != info).Reverse().Select(e => e.Name.LocalName);
            result[string.Join('.', path)] = leaf.Value;
        }

        return result;
    }

    private static List<IceCandidate> DecodeCandidates(XElement? list)
    {
        if (list is null)
        {
            return [];
        }

        return list.Elements(Client + "iceCandidate").Take(256)
            .Select(c => new IceCandidate(
                int.TryParse(c.Element(Client + "sdpMLineIndex")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : 0,
                c.Element(Client + "sdpMid")?.Value is { Length: > 0 } mid ? mid : null,
                c.Element(Client + "candidate")?.Value ?? string.Empty))
            .Where(c => c.Candidate.Length > 0)
            .ToList();
    }
}
