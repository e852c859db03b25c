using SipCube.Calls.Ports;
using SipCube.ConnectyCube.Signaling;
using SipCube.Contracts.Mappings;

namespace SipCube.Calls.ConnectyCube;

/// <summary>
/// One ConnectyCube P2P call as the app side of a bridged call. Outbound (phone -> app): <see cref="CallAsync"/>
/// sends <c>call</c> as the calling phone's identity and the app's answer comes back as events. Inbound (app ->
/// phone): created from a received <c>call</c>; <see cref="AcceptAsync"/> sends <c>accept</c>. Either way
/// <see cref="EndAsync"/> sends <c>reject</c> or <c>hangUp</c> once. Signals from anyone but the peer of the call
/// are ignored; <c>iceCandidates</c> are ignored because our side is ICE-lite and learns the browser's address from
/// its connectivity checks (peer-reflexive, RFC 8445 §7.3.1.3).
/// </summary>
/// <remarks>connectycube-protocol.md §3.5 (sequences), §3.6 (trickle), §3.9 (fields a caller must get right).</remarks>
internal sealed class AppLeg : IWebRtcLeg
{
    private readonly ConnectyCubeAppLegFactory owner;
    private readonly CallEventSink sink;
    private readonly bool inbound;
    private PooledIdentity? identity;
    private string? sessionId;
    private int peerUserId;
    private int callerUserId;
    private CallType callType = CallType.Audio;
    private int calling;
    private int accepted;
    private int finished;

    /// <summary>An outbound leg; nothing is sent before <see cref="CallAsync"/>.</summary>
    public AppLeg(ConnectyCubeAppLegFactory owner, string callId, CallEventSink sink)
    {
        this.owner = owner;
        this.sink = sink;
        CallId = callId;
        LegId = "app-" + callId;
    }

    /// <summary>An inbound leg for a received <c>call</c>; <paramref name="holder"/> is already held for it.</summary>
    public AppLeg(ConnectyCubeAppLegFactory owner, string callId, CallEventSink sink, PooledIdentity holder, CallSignal call)
        : this(owner, callId, sink)
    {
        inbound = true;
        identity = holder;
        sessionId = call.SessionId;
        peerUserId = call.SenderId;
        callerUserId = call.CallerId;
        callType = call.CallType;
        calling = 1;
    }

    public string LegId { get; }

    public string CallId { get; }

    private bool IsFinished => Volatile.Read(ref finished) != 0;

    public async ValueTask CallAsync(AppCallTarget target, string sdpOffer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sdpOffer);
        if (inbound || Interlocked.Exchange(ref calling, 1) != 0 || IsFinished)
        {
            return;
        }

        if (target.CalleeUserId is <= 0 or > int.MaxValue)
        {
            End(new CallEvent.AppUnavailable(Unknown: true));
            return;
        }

        var callee = (int)target.CalleeUserId;
        // Nothing else can end an outbound leg before it is tracked: the session calls it one method at a time.
        var holder = await owner.Pool.AcquireAsync(target.Caller, cancellationToken).ConfigureAwait(false);
        identity = holder;
        if (holder?.Identity is not { } chat)
        {
            Fail("the calling phone's ConnectyCube identity is not logged in");
            return;
        }

        var presence = await chat.Signaling.QueryPresenceAsync(callee, owner.Pool.Options.PresenceTimeout, cancellationToken).ConfigureAwait(false);
        AppLegLog.Presence(owner.Logger, CallId, callee, presence);
        if (presence is UserPresence.Unknown or UserPresence.Offline)
        {
            End(new CallEvent.AppUnavailable(presence == UserPresence.Unknown));
            return;
        }

        var id = CallSignaling.NewSessionId();
        peerUserId = callee;
        callerUserId = holder.UserId;
        callType = sdpOffer.Contains("\nm=video", StringComparison.Ordinal) ? CallType.Video : CallType.Audio;
        sessionId = id;
        owner.Track(holder, id, this);
        AppLegLog.Calling(owner.Logger, CallId, id, callerUserId, callee);
        var sent = await chat.Signaling.StartCallAsync(id, callType, [callee], sdpOffer, CallerInfo(target.Caller), cancellationToken).ConfigureAwait(false);
        if (!sent)
        {
            Fail("ConnectyCube chat offline: call not sent");
            return;
        }

        sink.Post(new CallEvent.AppRinging());
    }

    public async ValueTask AcceptAsync(string sdpAnswer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sdpAnswer);
        if (!inbound || IsFinished || Interlocked.Exchange(ref accepted, 1) != 0 || identity?.Identity is not { } chat)
        {
            return;
        }

        var sent = await chat.Signaling.SendAsync(peerUserId, Signal(CallSignalType.Accept) with { Sdp = sdpAnswer }, cancellationToken).ConfigureAwait(false);
        if (!sent)
        {
            Fail("ConnectyCube chat offline: accept not sent");
        }
    }

    public async ValueTask EndAsync(AppEnding ending, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref finished, 1) != 0)
        {
            return;
        }

        try
        {
            if (sessionId is not null && identity?.Identity is { } chat)
            {
                // The caller can only hang up; a callee rejects until it has accepted (the session picks which).
                var signal = !inbound || ending == AppEnding.HangUp ? Signal(CallSignalType.HangUp)
                    : ending == AppEnding.RejectBusy ? Signal(CallSignalType.Reject) with { UserInfo = new Dictionary<string, string> { ["busy"] = "true" } }
                    : Signal(CallSignalType.Reject);
                AppLegLog.Ending(owner.Logger, CallId, sessionId, signal.Type);
                await chat.Signaling.SendAsync(peerUserId, signal, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Cleanup();
        }
    }

    /// <summary>A signal of this call from the chat receive loop (must not block).</summary>
    public void OnSignal(CallSignal signal)
    {
        if (IsFinished || signal.SenderId != peerUserId)
        {
            AppLegLog.Ignored(owner.Logger, CallId, signal.Type, signal.SenderId);
            return;
        }

        switch (signal.Type)
        {
            case CallSignalType.Accept when !inbound:
                if (signal.Sdp is not { Length: > 0 } answer)
                {
                    Fail("accept without an SDP answer");
                }
                else if (Interlocked.Exchange(ref accepted, 1) == 0)
                {
                    sink.Post(new CallEvent.AppAccepted(answer));
                }

                break;
            case CallSignalType.Reject:
                End(new CallEvent.AppRejected(!inbound && IsTrue(signal.UserInfo, "busy")));
                break;
            case CallSignalType.HangUp:
                End(new CallEvent.AppHungUp());
                break;
            default:
                AppLegLog.Ignored(owner.Logger, CallId, signal.Type, signal.SenderId);
                break;
        }
    }

    /// <summary>Ends the leg because its signalling failed.</summary>
    public void Fail(string detail)
    {
        if (!IsFinished)
        {
            AppLegLog.Failed(owner.Logger, CallId, detail);
            End(new CallEvent.LegFailed(MediaSide.App, detail));
        }
    }

    /// <summary>Releases everything once the call is over (idempotent).</summary>
    public void Finish()
    {
        if (Interlocked.Exchange(ref finished, 1) == 0)
        {
            Cleanup();
        }
    }

    private static Dictionary<string, string> CallerInfo(MappingIdentity phone) => new(StringComparer.Ordinal)
    {
        ["callerName"] = string.IsNullOrWhiteSpace(phone.DisplayName) ? phone.User : phone.DisplayName,
        ["callerNumber"] = phone.User,
    };

    private static bool IsTrue(IReadOnlyDictionary<string, string> info, string key) =>
        info.TryGetValue(key, out var value) && value is "true" or "1";

    /// <summary>Posts the event that ends this leg from the app's side, then lets go of everything.</summary>
    private void End(CallEvent ending)
    {
        sink.Post(ending);
        Finish();
    }

    private CallSignal Signal(CallSignalType type) => new()
    {
        Type = type,
        SessionId = sessionId!,
        CallType = callType,
        CallerId = callerUserId,
        OpponentIds = [inbound ? identity!.UserId : peerUserId],
    };

    private void Cleanup()
    {
        if (identity is not { } holder)
        {
            return;
        }

        if (sessionId is { } id)
        {
            owner.Untrack(holder, id, this);
            holder.Identity?.Signaling.StopDialing(id);
        }

        owner.Pool.Release(holder);
    }
}
