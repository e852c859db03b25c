using SipCube.Sip.Auth;
using SipCube.Sip.Message;

namespace SipCube.Calls.Sip.Tests;

/// <summary>What a phone sends, built for tests: INVITE (with digest), ACK, BYE, CANCEL, responses.</summary>
internal static class PhoneMessages
{
    public const string Offer = "v=0\r\no=alice 1 1 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

    public static SipMessage Invite(string callId = "ph-call-1", int cseq = 1, string branch = "z9hG4bKph1", string user = "alice",
        string target = "sip:2002@example.com", bool body = true)
    {
        var invite = SipMessage.CreateRequest(SipMethods.Invite, target)
            .Add(SipHeaderKind.Via, $"SIP/2.0/UDP 10.0.0.2:5070;branch={branch};rport")
            .Add(SipHeaderKind.MaxForwards, "70")
            .Add(SipHeaderKind.From, $"<sip:{user}@example.com>;tag=ph-tag")
            .Add(SipHeaderKind.To, $"<{target}>")
            .Add(SipHeaderKind.CallId, callId)
            .Add(SipHeaderKind.CSeq, $"{cseq} INVITE")
            .Add(SipHeaderKind.Contact, $"<sip:{user}@10.0.0.2:5070>");
        if (body)
        {
            invite.Add(SipHeaderKind.ContentType, "application/sdp");
            invite.Body = System.Text.Encoding.UTF8.GetBytes(Offer);
        }

        return invite;
    }

    /// <summary>The same INVITE again with a new branch and CSeq and Proxy-Authorization answering <paramref name="challenge"/>.</summary>
    public static SipMessage Authorized(SipMessage challenge, string user = "alice", string password = "secret", string callId = "ph-call-1",
        string target = "sip:2002@example.com", bool body = true)
    {
        var invite = Invite(callId, 2, "z9hG4bKph2", user, target, body);
        var header = challenge.GetAllLines(SipHeaderKind.ProxyAuthenticate).First();
        invite.Add(SipHeaderKind.ProxyAuthorization, Digest(header, user, password, SipMethods.Invite, target));
        return invite;
    }

    public static SipMessage Ack(SipMessage ok, string branch = "z9hG4bKack")
    {
        var ack = SipMessage.CreateRequest(SipMethods.Ack, ContactOf(ok))
            .Add(SipHeaderKind.Via, $"SIP/2.0/UDP 10.0.0.2:5070;branch={branch}")
            .Add(SipHeaderKind.MaxForwards, "70")
            .Add(SipHeaderKind.From, ok.Get(SipHeaderKind.From)!)
            .Add(SipHeaderKind.To, ok.Get(SipHeaderKind.To)!)
            .Add(SipHeaderKind.CallId, ok.CallId!)
            .Add(SipHeaderKind.CSeq, $"{ok.CSeq!.Value.Number} ACK");
        return ack;
    }

    /// <summary>A request in the dialog the phone (as caller) has with us after <paramref name="ok"/>.</summary>
    public static SipMessage InCallerDialog(SipMessage ok, string method, int cseq, string branch = "z9hG4bKbye") =>
        SipMessage.CreateRequest(method, ContactOf(ok))
            .Add(SipHeaderKind.Via, $"SIP/2.0/UDP 10.0.0.2:5070;branch={branch}")
            .Add(SipHeaderKind.MaxForwards, "70")
            .Add(SipHeaderKind.From, ok.Get(SipHeaderKind.From)!)
            .Add(SipHeaderKind.To, ok.Get(SipHeaderKind.To)!)
            .Add(SipHeaderKind.CallId, ok.CallId!)
            .Add(SipHeaderKind.CSeq, $"{cseq} {method}");

    /// <summary>A request in the dialog the phone (as callee) has with us after answering <paramref name="invite"/> with <paramref name="toTag"/>.</summary>
    public static SipMessage InCalleeDialog(SipMessage invite, string toTag, string method, int cseq, string branch = "z9hG4bKcbye") =>
        SipMessage.CreateRequest(method, ContactOf(invite))
            .Add(SipHeaderKind.Via, $"SIP/2.0/UDP 10.0.0.2:5070;branch={branch}")
            .Add(SipHeaderKind.MaxForwards, "70")
            .Add(SipHeaderKind.From, invite.Get(SipHeaderKind.To)! + ";tag=" + toTag)
            .Add(SipHeaderKind.To, invite.Get(SipHeaderKind.From)!)
            .Add(SipHeaderKind.CallId, invite.CallId!)
            .Add(SipHeaderKind.CSeq, $"{cseq} {method}");

    public static SipMessage Cancel(SipMessage invite) =>
        SipMessage.CreateRequest(SipMethods.Cancel, invite.RequestUri!)
            .Add(SipHeaderKind.Via, invite.Get(SipHeaderKind.Via)!)
            .Add(SipHeaderKind.MaxForwards, "70")
            .Add(SipHeaderKind.From, invite.Get(SipHeaderKind.From)!)
            .Add(SipHeaderKind.To, invite.Get(SipHeaderKind.To)!)
            .Add(SipHeaderKind.CallId, invite.CallId!)
            .Add(SipHeaderKind.CSeq, $"{invite.CSeq!.Value.Number} CANCEL");

    /// <summary>The phone's response to a request we sent, with its tag and Contact and an optional SDP body.</summary>
    public static SipMessage Reply(SipMessage request, int status, string phrase, string toTag = "callee-tag", string? sdp = null,
        string contact = "<sip:alice@10.0.0.2:5070>")
    {
        var response = SipResponseFactory.Create(request, status, phrase, status == 100 ? null : toTag);
        if (status != 100)
        {
            response.Add(SipHeaderKind.Contact, contact);
        }

        if (sdp is not null)
        {
            response.Add(SipHeaderKind.ContentType, "application/sdp");
            response.Body = System.Text.Encoding.UTF8.GetBytes(sdp);
        }

        return response;
    }

    public static string ToTag(SipMessage message) => NameAddress.TryParse(message.Get(SipHeaderKind.To), out var to) ? to.Tag ?? string.Empty : string.Empty;

    private static string ContactOf(SipMessage message) =>
        NameAddress.TryParse(message.Get(SipHeaderKind.Contact), out var contact) ? contact.Uri.ToString() : throw new InvalidOperationException("no Contact");

    private static string Digest(string challenge, string user, string password, string method, string uri)
    {
        var parsed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in HeaderValueSplitter.SplitCommas(challenge["Digest ".Length..]))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var value = part[(equals + 1)..].Trim();
            parsed[part[..equals].Trim()] = value.StartsWith('"') ? SipGrammar.Unquote(value) : value;
        }

        var algorithm = DigestAlgorithm.FromName(parsed["algorithm"])!;
        var ha1 = algorithm.Hash($"{user}:{parsed["realm"]}:{password}");
        var ha2 = algorithm.Hash($"{method}:{uri}");
        var response = algorithm.Hash($"{ha1}:{parsed["nonce"]}:00000001:c0ffee:auth:{ha2}");
        return $"Digest username=\"{user}\", realm=\"{parsed["realm"]}\", nonce=\"{parsed["nonce"]}\", uri=\"{uri}\", response=\"{response}\", " +
               $"algorithm={algorithm.Name}, cnonce=\"c0ffee\", qop=auth, nc=00000001";
    }
}
