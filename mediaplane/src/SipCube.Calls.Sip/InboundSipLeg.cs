using System.Text;
using SipCube.Calls.Ports;
using SipCube.Sip;
using SipCube.Sip.Dialogs;
using SipCube.Sip.Message;

namespace SipCube.Calls.Sip;

/// <summary>
/// The INVITE a phone sent us (phone -> app): 180 on <see cref="RingingAsync"/>, 200 with SDP on
/// <see cref="AnswerAsync"/> (retransmitted until the ACK), a final non-2xx or BYE on <see cref="TerminateAsync"/>.
/// Reports the phone's CANCEL as <see cref="CallEvent.SipCancelled"/>, its BYE as <see cref="CallEvent.SipHungUp"/>,
/// and a 2xx never acknowledged as <see cref="CallEvent.LegFailed"/>.
/// </summary>
/// <remarks>
/// RFC 3261 §13.3 (UAS INVITE), §9.2 (CANCEL: the endpoint answers 200 and 487), §15.1.2 (BYE), §13.3.1.4 (ACK timeout).
/// <code>
/// offered --180--> early --200--> answered --ACK--> confirmed --BYE either way--> ended
/// offered/early --reject / CANCEL--> ended;  answered --no ACK in 64*T1 (BYE sent)--> ended
/// </code>
/// </remarks>
internal sealed class InboundSipLeg : ISipLeg, IDialogLeg
{
    private readonly SipLegFactory _owner;
    private readonly IncomingInvite _invite;
    private readonly string _callId;
    private readonly CallEventSink _sink;
    private readonly Lock _gate = new();
    private readonly DialogUpdates _updates;
    private LegState _state;

    public InboundSipLeg(SipLegFactory owner, IncomingInvite invite, string callId, CallEventSink sink)
    {
        _owner = owner;
        _invite = invite;
        _callId = callId;
        _sink = sink;
        LegId = "sip-in-" + Guid.NewGuid().ToString("N")[..12];
        _updates = new DialogUpdates(owner, callId, LegId, sink, invite.LocalContact, OnDialogLost);
    }

    private enum LegState
    {
        Offered,
        Early,
        Answered,
        Confirmed,
        Ended,
    }

    public string LegId { get; }

    /// <summary>Makes the leg findable by its dialog and starts watching for the phone's CANCEL.</summary>
    public void Start()
    {
        _owner.Legs.Add(_invite.DialogKey!, this);
        _invite.AckTimedOut += OnAckTimedOut;
        _invite.Cancelled.Register(static s => ((InboundSipLeg)s!).OnCancelled(), this);
    }

    public ValueTask InviteAsync(string sdpOffer, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask RingingAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_state != LegState.Offered)
            {
                return;
            }

            _state = LegState.Early;
        }

        await _invite.SendProvisionalAsync(180, "Ringing", AddCommonHeaders);
    }

    public async ValueTask AnswerAsync(string sdpAnswer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sdpAnswer);
        lock (_gate)
        {
            if (_state is not (LegState.Offered or LegState.Early))
            {
                return;
            }

            _state = LegState.Answered;
        }

        var dialog = await _invite.AcceptAsync("application/sdp", Encoding.UTF8.GetBytes(sdpAnswer), AddCommonHeaders);
        if (dialog is null)
        {
            // The phone's CANCEL won (487 already sent) or its INVITE had no Contact: there is no dialog to keep.
            lock (_gate)
            {
                _state = LegState.Ended;
            }

            Forget();
            SipCallsLog.LegEvent(_owner.Logger, _callId, LegId, "200 OK not sent: request already ended");
            _sink.Post(new CallEvent.LegFailed(MediaSide.Sip, "INVITE ended before the answer"));
            return;
        }

        SipCallsLog.LegEvent(_owner.Logger, _callId, LegId, "answered");
    }

    public async ValueTask TerminateAsync(SipTermination termination, CancellationToken cancellationToken)
    {
        bool bye;
        bool awaitAck;
        lock (_gate)
        {
            bye = _state is LegState.Answered or LegState.Confirmed;
            awaitAck = _state == LegState.Answered;
            if (_state == LegState.Ended)
            {
                return;
            }

            _state = LegState.Ended;
        }

        if (!awaitAck)
        {
            Forget();
        }

        if (!bye)
        {
            var status = termination.StatusCode is >= 300 and <= 699 ? termination.StatusCode : 500;
            SipCallsLog.LegEvent(_owner.Logger, _callId, LegId, "reject " + status);
            await _invite.RejectAsync(status, termination.ReasonPhrase ?? "Rejected", response =>
            {
                if (status == 503)
                {
                    response.Add("Retry-After", _owner.Options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            });
            return;
        }

        var dialog = _invite.Dialog!;
        var request = dialog.CreateRequest(SipMethods.Bye);
        if (SipReason.For(termination) is { } reason)
        {
            request.Add("Reason", reason);
        }

        AddUserAgent(request);
        SipCallsLog.LegEvent(_owner.Logger, _callId, LegId, "BYE");
        _ = _owner.RunDetachedAsync(_callId, LegId, "BYE", () => ByeAfterAckAsync(request, dialog, awaitAck));
    }

    /// <summary>RFC 3261 §15: the callee sends no BYE before the ACK of its 2xx arrived or timed out (the time-out
    /// sends its own BYE). Until then the leg stays findable so the ACK reaches it.</summary>
    private async Task ByeAfterAckAsync(SipMessage bye, SipDialog dialog, bool awaitAck)
    {
        if (awaitAck)
        {
            var acknowledged = await _invite.Acknowledged.ConfigureAwait(false);
            Forget();
            if (!acknowledged)
            {
                return;
            }
        }

        await _owner.Endpoint.SendRequestAsync(bye, dialog.Flow);
    }

    public async ValueTask OnByeAsync(SipServerRequest request)
    {
        await request.RespondAsync(200, "OK");
        lock (_gate)
        {
            if (_state is not (LegState.Answered or LegState.Confirmed))
            {
                return;
            }

            _state = LegState.Ended;
        }

        Forget();
        SipCallsLog.LegEvent(_owner.Logger, _callId, LegId, "BYE from phone");
        _sink.Post(new CallEvent.SipHungUp(LegId));
    }

    public ValueTask OnSessionRequestAsync(SipServerRequest request)
    {
        LegState state;
        lock (_gate)
        {
            state = _state;
        }

        return state switch
        {
            LegState.Ended => RespondGoneAsync(request),
            LegState.Answered or LegState.Confirmed => _updates.HandleAsync(_invite.Dialog, request),
            _ => _updates.HandleAsync(null, request),
        };
    }

    public void OnAck(SipMessage ack)
    {
        if (!_invite.OnAck(ack))
        {
            _updates.OnAck(ack);
            return;
        }

        lock (_gate)
        {
            if (_state == LegState.Answered)
            {
                _state = LegState.Confirmed;
            }
        }
    }

    public bool AcceptsCSeq(SipMessage request) => _invite.Dialog?.TryAcceptRemoteCSeq(request) ?? true;

    private void OnCancelled()
    {
        lock (_gate)
        {
            if (_state is not (LegState.Offered or LegState.Early))
            {
                return;
            }

            _state = LegState.Ended;
        }

        Forget();
        SipCallsLog.LegEvent(_owner.Logger, _callId, LegId, "CANCEL from phone");
        _sink.Post(new CallEvent.SipCancelled(LegId));
    }

    private void OnAckTimedOut(IncomingInvite invite)
    {
        lock (_gate)
        {
            if (_state != LegState.Answered)
            {
                return;
            }

            _state = LegState.Ended;
        }

        Forget();
        SipCallsLog.LegFailed(_owner.Logger, _callId, LegId, "no ACK for 200 OK within 64*T1 (BYE sent)");
        _sink.Post(new CallEvent.LegFailed(MediaSide.Sip, "no ACK for 200 OK"));
    }

    /// <summary>A re-INVITE's 2xx was never acknowledged: the BYE went out, the call ends (RFC 3261 §14.2).</summary>
    private void OnDialogLost()
    {
        lock (_gate)
        {
            if (_state is not (LegState.Answered or LegState.Confirmed))
            {
                return;
            }

            _state = LegState.Ended;
        }

        Forget();
        _sink.Post(new CallEvent.LegFailed(MediaSide.Sip, "no ACK for re-INVITE 200 OK"));
    }

    private static async ValueTask RespondGoneAsync(SipServerRequest request) =>
        await request.RespondAsync(481, "Call/Transaction Does Not Exist");

    /// <summary>Drops the leg from the dialog table and stops 2xx retransmissions.</summary>
    private void Forget()
    {
        _owner.Legs.Remove(_invite.DialogKey, this);
        _invite.Dispose();
        _updates.Stop();
    }

    private void AddCommonHeaders(SipMessage response) => response.Add(SipHeaderKind.Allow, SipCallHandlers.AllowedMethods);

    private void AddUserAgent(SipMessage request)
    {
        if (_owner.Options.UserAgent is { } agent)
        {
            request.Add(SipHeaderKind.UserAgent, agent);
        }
    }
}
