using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using SipCube.Sip.Message;
using SipCube.Sip.Transport;

namespace SipCube.Sip.Dialogs;

/// <summary>
/// The state of one dialog: Call-ID, both tags, both URIs, the remote target, the route set and the CSeq spaces. It
/// builds in-dialog requests (BYE, re-INVITE, the ACK of a 2xx) and tells whether an incoming request belongs to it.
/// </summary>
/// <remarks>
/// RFC 3261 §12.1.1 (UAS: route set = Record-Route in order, remote target = Contact of the request), §12.1.2 (UAC:
/// route set = Record-Route reversed, remote target = Contact of the response), §12.2.1.1 (building requests, loose
/// and strict routing), §12.2.2 (remote CSeq must grow), §13.2.2.4 (ACK for 2xx). Requests go out on
/// <see cref="Flow"/>, the flow the dialog was set up on, so they reach a phone behind NAT or on its TCP connection.
/// </remarks>
public sealed class SipDialog
{
    private readonly Lock _gate = new();
    private long _localCSeq;
    private long _remoteCSeq;
    private bool _awaitingAck;
    private bool _remoteOfferPending;

    private SipDialog(string callId, string localTag, string remoteTag, string localUri, string remoteUri, string remoteTarget,
        IReadOnlyList<string> routeSet, SipFlow flow, bool isCaller, long localCSeq, long remoteCSeq, long inviteCSeq)
    {
        CallId = callId;
        LocalTag = localTag;
        RemoteTag = remoteTag;
        LocalUri = localUri;
        RemoteUri = remoteUri;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        Flow = flow;
        IsCaller = isCaller;
        _localCSeq = localCSeq;
        _remoteCSeq = remoteCSeq;
        InviteCSeq = inviteCSeq;
    }

    /// <summary>The Call-ID.</summary>
    public string CallId { get; }

    /// <summary>Our tag.</summary>
    public string LocalTag { get; }

    /// <summary>The peer's tag.</summary>
    public string RemoteTag { get; }

    /// <summary>Our name-addr without tag (From of our requests).</summary>
    public string LocalUri { get; }

    /// <summary>The peer's name-addr without tag (To of our requests).</summary>
    public string RemoteUri { get; }

    /// <summary>The peer's Contact URI: the Request-URI of our in-dialog requests.</summary>
    public string RemoteTarget { get; private set; }

    /// <summary>Route headers of our in-dialog requests, in order.</summary>
    public IReadOnlyList<string> RouteSet { get; }

    /// <summary>The flow every request of this dialog goes out on.</summary>
    public SipFlow Flow { get; }

    /// <summary>True when we sent the INVITE.</summary>
    public bool IsCaller { get; }

    /// <summary>CSeq number of the INVITE that created the dialog (the ACK repeats it).</summary>
    public long InviteCSeq { get; }

    /// <summary>The last CSeq number we used.</summary>
    public long LocalCSeq
    {
        get
        {
            lock (_gate)
            {
                return _localCSeq;
            }
        }
    }

    /// <summary>True while a 2xx we sent to an INVITE of this dialog waits for its ACK (the INVITE transaction is still
    /// in progress for the UA core, RFC 3261 §13.3.1.4).</summary>
    public bool AwaitingAck
    {
        get
        {
            lock (_gate)
            {
                return _awaitingAck;
            }
        }

        internal set
        {
            lock (_gate)
            {
                _awaitingAck = value;
            }
        }
    }

    /// <summary>True while an offer from the peer (re-INVITE or UPDATE) waits for our answer.</summary>
    public bool RemoteOfferPending
    {
        get
        {
            lock (_gate)
            {
                return _remoteOfferPending;
            }
        }
    }

    /// <summary>The dialog id as one key: Call-ID, local tag, remote tag.</summary>
    public string Key => KeyOf(CallId, LocalTag, RemoteTag);

    /// <summary>A dialog key from its three parts.</summary>
    public static string KeyOf(string callId, string localTag, string remoteTag) => string.Concat(callId, "\n", localTag, "\n", remoteTag);

    /// <summary>The key of the dialog an incoming request belongs to (local tag = To tag, remote tag = From tag), or
    /// null when it has no To tag (out of dialog) or lacks Call-ID or From tag.</summary>
    public static string? KeyOfRequest(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var callId = request.CallId;
        if (callId is null || !NameAddress.TryParse(request.Get(SipHeaderKind.To), out var to) || to.Tag is null
            || !NameAddress.TryParse(request.Get(SipHeaderKind.From), out var from) || from.Tag is null)
        {
            return null;
        }

        return KeyOf(callId, to.Tag, from.Tag);
    }

    /// <summary>The UAC's dialog from the INVITE it sent and a 2xx (or tagged 1xx) it received; null when the
    /// response lacks a To tag or a Contact.</summary>
    public static SipDialog? FromUacResponse(SipMessage invite, SipMessage response, SipFlow flow)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(flow);
        if (invite.CallId is not { } callId || invite.CSeq is not { } cseq
            || !NameAddress.TryParse(invite.Get(SipHeaderKind.From), out var from) || from.Tag is null
            || !NameAddress.TryParse(response.Get(SipHeaderKind.To), out var to) || to.Tag is null
            || !TryContact(response, out var target))
        {
            return null;
        }

        var routes = response.GetAll(SipHeaderKind.RecordRoute).Reverse().ToList();
        return new SipDialog(callId, from.Tag, to.Tag, WithoutTag(from), WithoutTag(to), target, routes, flow, isCaller: true,
            localCSeq: cseq.Number, remoteCSeq: -1, inviteCSeq: cseq.Number);
    }

    /// <summary>The UAS's dialog from an INVITE it received and the tag it puts in To; null when the request lacks a
    /// From tag or a Contact.</summary>
    public static SipDialog? FromUasRequest(SipMessage invite, string localTag, SipFlow flow)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentException.ThrowIfNullOrEmpty(localTag);
        ArgumentNullException.ThrowIfNull(flow);
        if (invite.CallId is not { } callId || invite.CSeq is not { } cseq
            || !NameAddress.TryParse(invite.Get(SipHeaderKind.From), out var from) || from.Tag is null
            || !NameAddress.TryParse(invite.Get(SipHeaderKind.To), out var to)
            || !TryContact(invite, out var target))
        {
            return null;
        }

        var routes = invite.GetAll(SipHeaderKind.RecordRoute).ToList();
        return new SipDialog(callId, localTag, from.Tag, WithoutTag(to), WithoutTag(from), target, routes, flow, isCaller: false,
            localCSeq: 0, remoteCSeq: cseq.Number, inviteCSeq: cseq.Number);
    }

    /// <summary>True when <paramref name="request"/> carries this dialog's Call-ID and tags (RFC 3261 §12.2.2).</summary>
    public bool Matches(SipMessage request) => KeyOfRequest(request) is { } key && string.Equals(key, Key, StringComparison.Ordinal);

    /// <summary>Records the CSeq of an in-dialog request from the peer; false when it is lower than the last one (the
    /// UAS answers 500, RFC 3261 §12.2.2).</summary>
    public bool TryAcceptRemoteCSeq(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CSeq is not { } cseq)
        {
            return false;
        }

        lock (_gate)
        {
            if (_remoteCSeq >= 0 && cseq.Number < _remoteCSeq)
            {
                return false;
            }

            _remoteCSeq = cseq.Number;
            return true;
        }
    }

    /// <summary>
    /// Claims the dialog for a new offer from the peer (a re-INVITE, or an UPDATE with a body): true when it may be
    /// answered now; otherwise <paramref name="refusal"/> is the response to send. Call <see cref="EndRemoteOffer"/>
    /// once the final response went out.
    /// </summary>
    /// <remarks>
    /// RFC 3261 §14.2 and RFC 3311 §5.2: while an earlier offer from the peer is unanswered, 500 with a Retry-After of
    /// 0-10 s; a re-INVITE while our 2xx to the previous INVITE awaits its ACK is 491 (§14.1: no new INVITE while one
    /// is in progress in either direction).
    /// </remarks>
    public bool TryBeginRemoteOffer(SipMessage request, [NotNullWhen(false)] out SipMessage? refusal)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (_remoteOfferPending)
            {
                refusal = SipResponseFactory.Create(request, 500, "Server Internal Error - Previous Offer Pending")
                    .Add("Retry-After", RandomNumberGenerator.GetInt32(0, 11).ToString(CultureInfo.InvariantCulture));
                return false;
            }

            if (_awaitingAck && request.Method == SipMethods.Invite)
            {
                refusal = SipResponseFactory.Create(request, 491, "Request Pending");
                return false;
            }

            _remoteOfferPending = true;
            refusal = null;
            return true;
        }
    }

    /// <summary>The peer's offer got its final response (see <see cref="TryBeginRemoteOffer"/>).</summary>
    public void EndRemoteOffer()
    {
        lock (_gate)
        {
            _remoteOfferPending = false;
        }
    }

    /// <summary>A new in-dialog request (not ACK or CANCEL) with the next local CSeq; our Via is added on sending.</summary>
    public SipMessage CreateRequest(string method)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (method is SipMethods.Ack or SipMethods.Cancel)
        {
            throw new ArgumentException("ACK and CANCEL reuse the CSeq of their INVITE", nameof(method));
        }

        long cseq;
        lock (_gate)
        {
            cseq = ++_localCSeq;
        }

        return Build(method, cseq);
    }

    /// <summary>The ACK for the 2xx of the INVITE that created this dialog (RFC 3261 §13.2.2.4).</summary>
    public SipMessage CreateAck() => Build(SipMethods.Ack, InviteCSeq);

    /// <summary>Moves the remote target to the Contact of a target-refresh request or response (RFC 3261 §12.2).</summary>
    public void RefreshTarget(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (TryContact(message, out var target))
        {
            RemoteTarget = target;
        }
    }

    private SipMessage Build(string method, long cseq)
    {
        var requestUri = RemoteTarget;
        var routes = RouteSet;
        if (routes.Count > 0 && NameAddress.TryParse(routes[0], out var first) && !first.Uri.Parameters.Contains("lr"))
        {
            // Strict routing (RFC 3261 §12.2.1.1): the first route becomes the Request-URI, the target goes last.
            first.Uri.Headers = null;
            requestUri = first.Uri.ToString();
            routes = [.. routes.Skip(1), "<" + RemoteTarget + ">"];
        }

        var request = SipMessage.CreateRequest(method, requestUri)
            .Add(SipHeaderKind.MaxForwards, "70")
            .Add(SipHeaderKind.From, LocalUri + ";tag=" + LocalTag)
            .Add(SipHeaderKind.To, RemoteUri + ";tag=" + RemoteTag)
            .Add(SipHeaderKind.CallId, CallId)
            .Add(SipHeaderKind.CSeq, cseq.ToString(CultureInfo.InvariantCulture) + " " + method);
        foreach (var route in routes)
        {
            request.Add(SipHeaderKind.Route, route);
        }

        return request;
    }

    private static bool TryContact(SipMessage message, out string target)
    {
        target = string.Empty;
        var contact = message.GetAll(SipHeaderKind.Contact).FirstOrDefault();
        if (!NameAddress.TryParse(contact, out var address))
        {
            return false;
        }

        target = address.Uri.ToString();
        return true;
    }

    private static string WithoutTag(NameAddress address)
    {
        address.Parameters.Remove("tag");
        return address.ToString();
    }
}
