using System.Text;
using SipCube.Calls.Ports;
using SipCube.Sip;
using SipCube.Sip.Dialogs;
using SipCube.Sip.Message;
using SipCube.Sip.Transport;

namespace SipCube.Calls.Sip;

/// <summary>
/// One fork of an app -> phone call: an INVITE to one registered contact. Reports 180/183 as
/// <see cref="CallEvent.SipRinging"/>, a 2xx (after sending the ACK) as <see cref="CallEvent.SipAnswered"/>, 3xx-6xx as
/// <see cref="CallEvent.SipRejected"/> (408 on timeout), and the phone's BYE as <see cref="CallEvent.SipHungUp"/>.
/// </summary>
/// <remarks>
/// RFC 3261 §13.2.2 (responses), §9.1 (CANCEL), §15 (BYE). A 2xx that crosses our CANCEL is acknowledged and ended
/// with BYE (RFC 3261 §9.1, §15).
/// <code>
/// idle --InviteAsync--> inviting --2xx--> answered --BYE either way--> ended
///                       inviting --TerminateAsync--> cancelling --final--> ended (2xx: ACK + BYE)
///                       inviting --3xx-6xx / timeout--> ended (SipRejected)
/// </code>
/// </remarks>
internal sealed class OutboundSipLeg : ISipLeg, IDialogLeg
{
    private readonly SipLegFactory _owner;
    private readonly string _callId;
    private readonly SipContact _contact;
    private readonly CallEventSink _sink;
    private readonly string? _displayName;
    private readonly Lock _gate = new();
    private LegState _state;
    private OutgoingInvite? _invite;
    private SipDialog? _dialog;
    private DialogUpdates? _updates;
    private SipTermination _ending;
    private bool _ringingReported;

    public OutboundSipLeg(SipLegFactory owner, string callId, SipContact contact, CallEventSink sink, string? displayName)
    {
        _owner = owner;
        _callId = callId;
        _contact = contact;
        _sink = sink;
        _displayName = displayName;
        LegId = "sip-out-" + Guid.NewGuid().ToString("N")[..12];
    }

    private enum LegState
    {
        Idle,
        Inviting,
        Cancelling,
        Answered,
        Ended,
    }

    public string LegId { get; }

    public async ValueTask InviteAsync(string sdpOffer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sdpOffer);
        lock (_gate)
        {
            if (_state != LegState.Idle)
            {
                return;
            }

            _state = LegState.Inviting;
        }

        var binding = _owner.FindBinding(_contact.Uri);
        if (binding is null)
        {
            Finish();
            SipCallsLog.LegEvent(_owner.Logger, _callId, LegId, "contact no longer registered: 480");
            _sink.Post(new CallEvent.SipRejected(LegId, 480));
            return;
        }

        var request = BuildInvite(binding.Contact, binding.Aor, binding.Flow, sdpOffer);
        var invite = _owner.Endpoint.CreateInvite(request, binding.Flow);
        invite.Provisional += OnProvisional;
        invite.AdditionalSuccess += OnAdditionalSuccess;
        lock (_gate)
        {
            _invite = invite;
        }

        SipCallsLog.OutboundInvite(_owner.Logger, _callId, request.CallId!, binding.Contact, binding.Flow.ToString());
        _ = _owner.RunDetachedAsync(_callId, LegId, "await final response", () => WatchFinalAsync(invite));
        await invite.SendAsync();
    }

    public ValueTask RingingAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask AnswerAsync(string sdpAnswer, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask TerminateAsync(SipTermination termination, CancellationToken cancellationToken)
    {
        OutgoingInvite? invite;
        SipDialog? dialog;
        lock (_gate)
        {
            invite = _invite;
            dialog = _dialog;
            switch (_state)
            {
                case LegState.Idle:
                    _state = LegState.Ended;
                    return ValueTask.CompletedTask;
                case LegState.Inviting:
                    _state = LegState.Cancelling;
                    _ending = termination;
                    break;
                case LegState.Answered:
                    _state = LegState.Ended;
                    break;
                default:
                    return ValueTask.CompletedTask;
            }
        }

        if (dialog is null)
        {
            // CANCEL waits for a provisional response (RFC 3261 §9.1): never hold the call's loop for it.
            SipCallsLog.LegEvent(_owner.Logger, _callId, LegId, "CANCEL");
            _ = _owner.RunDetachedAsync(_callId, LegId, "CANCEL", () => invite!.CancelAsync(SipReason.For(termination)));
            return ValueTask.CompletedTask;
        }

        SendBye(dialog, termination);
        return ValueTask.CompletedTask;
    }

    public async ValueTask OnByeAsync(SipServerRequest request)
    {
        await request.RespondAsync(200, "OK");
        bool report;
        lock (_gate)
        {
            report = _state == LegState.Answered;
            if (report)
            {
                _state = LegState.Ended;
            }
        }

        if (report)
        {
            _updates?.Stop();
            _owner.Legs.Remove(_dialog?.Key, this);
            SipCallsLog.LegEvent(_owner.Logger, _callId, LegId, "BYE from phone");
            _sink.Post(new CallEvent.SipHungUp(LegId));
        }
    }

    public ValueTask OnSessionRequestAsync(SipServerRequest request)
    {
        SipDialog? dialog;
        DialogUpdates? updates;
        lock (_gate)
        {
            dialog = _state == LegState.Answered ? _dialog : null;
            updates = _updates;
        }

        return dialog is null || updates is null ? RespondGoneAsync(request) : updates.HandleAsync(dialog, request);
    }

    public void OnAck(SipMessage ack)
    {
        // We are the UAC of the INVITE: only the ACK of the phone's own re-INVITE means something here.
        DialogUpdates? updates;
        lock (_gate)
        {
            updates = _updates;
        }

        updates?.OnAck(ack);
    }

    public bool AcceptsCSeq(SipMessage request)
    {
        lock (_gate)
        {
            return _dialog?.TryAcceptRemoteCSeq(request) ?? true;
        }
    }

    private SipMessage BuildInvite(string requestUri, string aor, SipFlow flow, string sdpOffer)
    {
        var options = _owner.Options;
        var display = SipGrammar.Quote(_displayName ?? options.DisplayName);
        var request = SipMessage.CreateRequest(SipMethods.Invite, requestUri)
            .Add(SipHeaderKind.MaxForwards, "70")
            .Add(SipHeaderKind.From, $"{display} <sip:{options.FromUser}@{options.Domain}>;tag={SipResponseFactory.NewTag()}")
            .Add(SipHeaderKind.To, "<" + aor + ">")
            .Add(SipHeaderKind.CallId, Guid.NewGuid().ToString("N") + "@" + options.Domain)
            .Add(SipHeaderKind.CSeq, "1 " + SipMethods.Invite)
            .Add(SipHeaderKind.Contact, "<" + _owner.Endpoint.ContactUri(flow, options.FromUser) + ">")
            .Add(SipHeaderKind.Allow, SipCallHandlers.AllowedMethods);
        if (options.UserAgent is not null)
        {
            request.Add(SipHeaderKind.UserAgent, options.UserAgent);
        }

        request.Add(SipHeaderKind.ContentType, "application/sdp");
        request.Body = Encoding.UTF8.GetBytes(sdpOffer);
        return request;
    }

    private void OnProvisional(SipMessage response)
    {
        if (response.StatusCode is not (180 or 183))
        {
            return;
        }

        lock (_gate)
        {
            if (_ringingReported || _state != LegState.Inviting)
            {
                return;
            }

            _ringingReported = true;
        }

        _sink.Post(new CallEvent.SipRinging(LegId));
    }

    private async Task WatchFinalAsync(OutgoingInvite invite)
    {
        var final = await invite.FinalResponse.ConfigureAwait(false);
        _owner.Metrics.OutboundFinal(final?.StatusCode ?? 0);
        if (final is null || final.StatusCode >= 300)
        {
            var status = final?.StatusCode ?? 408;
            bool report;
            lock (_gate)
            {
                report = _state == LegState.Inviting;
                _state = LegState.Ended;
            }

            SipCallsLog.LegEvent(_owner.Logger, _callId, LegId, "final " + status);
            if (report)
            {
                _sink.Post(new CallEvent.SipRejected(LegId, status));
            }

            return;
        }

        var dialog = await invite.AcknowledgeAsync(final);
        if (dialog is null)
        {
            Finish();
            SipCallsLog.LegFailed(_owner.Logger, _callId, LegId, "2xx without To tag or Contact");
            _sink.Post(new CallEvent.SipRejected(LegId, 502));
            return;
        }

        bool crossed;
        SipTermination ending;
        lock (_gate)
        {
            _dialog = dialog;
            crossed = _state != LegState.Inviting;
            ending = _ending;
            _state = crossed ? LegState.Ended : LegState.Answered;
        }

        if (crossed)
        {
            // Our CANCEL lost the race with the phone's 2xx: confirm and end the dialog (RFC 3261 §9.1, §15).
            SendBye(dialog, ending);
            return;
        }

        lock (_gate)
        {
            _updates = new DialogUpdates(_owner, _callId, LegId, _sink, _owner.Endpoint.ContactUri(dialog.Flow, _owner.Options.FromUser), OnDialogLost);
        }

        _owner.Legs.Add(dialog.Key, this);
        SipCallsLog.LegEvent(_owner.Logger, _callId, LegId, "answered");
        _sink.Post(new CallEvent.SipAnswered(LegId, Encoding.UTF8.GetString(final.Body.Span)));
    }

    private void OnAdditionalSuccess(SipMessage response)
    {
        // Another fork behind the same contact answered too: confirm it and end it at once (RFC 3261 §13.2.2.4).
        var invite = _invite!;
        _ = _owner.RunDetachedAsync(_callId, LegId, "drop extra 2xx", async () =>
        {
            if (await invite.AcknowledgeAsync(response) is { } extra)
            {
                await _owner.Endpoint.SendRequestAsync(extra.CreateRequest(SipMethods.Bye), extra.Flow);
            }
        });
    }

    /// <summary>A re-INVITE's 2xx was never acknowledged: the BYE went out, the call ends (RFC 3261 §14.2).</summary>
    private void OnDialogLost()
    {
        SipDialog? dialog;
        lock (_gate)
        {
            if (_state != LegState.Answered)
            {
                return;
            }

            _state = LegState.Ended;
            dialog = _dialog;
        }

        _owner.Legs.Remove(dialog?.Key, this);
        _sink.Post(new CallEvent.LegFailed(MediaSide.Sip, "no ACK for re-INVITE 200 OK"));
    }

    private static async ValueTask RespondGoneAsync(SipServerRequest request) =>
        await request.RespondAsync(481, "Call/Transaction Does Not Exist");

    private void SendBye(SipDialog dialog, SipTermination termination)
    {
        _owner.Legs.Remove(dialog.Key, this);
        _updates?.Stop();
        var bye = dialog.CreateRequest(SipMethods.Bye);
        if (SipReason.For(termination) is { } reason)
        {
            bye.Add("Reason", reason);
        }

        SipCallsLog.LegEvent(_owner.Logger, _callId, LegId, "BYE");
        _ = _owner.RunDetachedAsync(_callId, LegId, "BYE", () => _owner.Endpoint.SendRequestAsync(bye, dialog.Flow));
    }

    private void Finish()
    {
        lock (_gate)
        {
            _state = LegState.Ended;
        }
    }
}
