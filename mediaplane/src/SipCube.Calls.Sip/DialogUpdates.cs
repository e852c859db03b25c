using System.Text;
using SipCube.Calls.Ports;
using SipCube.Sip;
using SipCube.Sip.Dialogs;
using SipCube.Sip.Message;

namespace SipCube.Calls.Sip;

/// <summary>
/// The mid-call requests of one SIP leg's dialog: re-INVITE and UPDATE with a new offer (posted to the call as
/// <see cref="CallEvent.SipReoffered"/>, answered with what the session decides), INFO with a DTMF digit (posted as
/// <see cref="CallEvent.SipDtmfReceived"/>), and the ACK of a re-INVITE's 2xx. The wait for the session runs detached,
/// so the transport's receive loop never waits on media work.
/// </summary>
/// <remarks>
/// RFC 3261 §14.2 (re-INVITE UAS: 500 + Retry-After while an earlier offer is unanswered, 491 while a 2xx awaits its
/// ACK, a refusal keeps the session), RFC 3311 §5.2 (UPDATE: same offer rules, no body is a plain 200 refresh), RFC 6086
/// §4.2.2 (INFO: an Info Package we never offered is 469 with an empty Recv-Info; legacy DTMF bodies without a package
/// are taken, other bodies 415 with Accept).
/// <code>
/// re-INVITE/UPDATE  no dialog yet (initial INVITE unanswered) --> 500 + Retry-After
///                   no body: re-INVITE --> 488 (no offerless re-INVITE), UPDATE --> 200 (refresh)
///                   body not SDP --> 415 Accept: application/sdp;  another offer in progress --> 500 / 491
///                   else post SipReoffered --> 200 + answer | 488 + Warning 305 | 491 | 481 | 487 | 500 on timeout
/// INFO              Info-Package --> 469;  no body --> 200;  dtmf-relay / dtmf --> SipDtmfReceived + 200 | 400 malformed
///                   other body --> 415 Accept: application/dtmf-relay, application/dtmf
/// </code>
/// </remarks>
internal sealed class DialogUpdates(SipLegFactory owner, string callId, string legId, CallEventSink sink, string localContact, Action dialogLost)
{
    private const string Sdp = "application/sdp";
    private readonly Lock _gate = new();
    private IncomingReinvite? _reinvite;

    /// <summary>Handles an in-dialog INVITE, UPDATE or INFO; <paramref name="dialog"/> is null while the initial INVITE
    /// has no final response.</summary>
    public ValueTask HandleAsync(SipDialog? dialog, SipServerRequest request) => request.Message.Method switch
    {
        SipMethods.Info => OnInfoAsync(request),
        SipMethods.Invite => OnOfferAsync(dialog, request, isInvite: true),
        _ => OnOfferAsync(dialog, request, isInvite: false),
    };

    /// <summary>An ACK that may belong to a re-INVITE's 2xx; true when it did.</summary>
    public bool OnAck(SipMessage ack)
    {
        IncomingReinvite? reinvite;
        lock (_gate)
        {
            reinvite = _reinvite;
        }

        return reinvite?.OnAck(ack) ?? false;
    }

    /// <summary>Stops resending a re-INVITE's 2xx (the leg ended).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _reinvite?.Dispose();
        }
    }

    private async ValueTask OnOfferAsync(SipDialog? dialog, SipServerRequest request, bool isInvite)
    {
        var message = request.Message;
        if (dialog is null)
        {
            // RFC 3261 §14.2 / RFC 3311 §5.2: our answer to the initial offer is still pending.
            owner.Metrics.Reoffer(isInvite ? "reinvite" : "update", 500);
            await request.RespondAsync(request.CreateResponse(500, "Server Internal Error - Initial INVITE Pending")
                .Add("Retry-After", System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 11).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return;
        }

        if (message.Body.IsEmpty)
        {
            await RespondWithoutOfferAsync(dialog, request, isInvite);
            return;
        }

        if (!string.Equals(MediaType(message), Sdp, StringComparison.OrdinalIgnoreCase))
        {
            await request.RespondAsync(request.CreateResponse(415, "Unsupported Media Type").Add(SipHeaderKind.Accept, Sdp));
            return;
        }

        IncomingReinvite? reinvite = null;
        SipMessage? refusal;
        if (isInvite)
        {
            reinvite = IncomingReinvite.TryStart(dialog, request, out refusal, localContact);
        }
        else
        {
            dialog.TryBeginRemoteOffer(message, out refusal);
        }

        if (refusal is not null)
        {
            owner.Metrics.Reoffer(isInvite ? "reinvite" : "update", refusal.StatusCode);
            await request.RespondAsync(refusal);
            return;
        }

        if (reinvite is not null)
        {
            reinvite.AckTimedOut += OnAckTimedOut;
            lock (_gate)
            {
                _reinvite?.Dispose();
                _reinvite = reinvite;
            }
        }

        var reply = new ReofferReply();
        var started = owner.Endpoint.Time.GetTimestamp();
        if (!sink.Post(new CallEvent.SipReoffered(legId, Encoding.UTF8.GetString(message.Body.Span), reply)))
        {
            reply.TryRefuse(481, "Call/Transaction Does Not Exist");
        }

        SipCallsLog.LegEvent(owner.Logger, callId, legId, (isInvite ? "re-INVITE" : "UPDATE") + " offer posted");
        _ = owner.RunDetachedAsync(callId, legId, isInvite ? "re-INVITE" : "UPDATE", () => AnswerAsync(dialog, request, reinvite, reply, started));
    }

    private async Task AnswerAsync(SipDialog dialog, SipServerRequest request, IncomingReinvite? reinvite, ReofferReply reply, long started)
    {
        var time = owner.Endpoint.Time;
        ReofferOutcome outcome;
        try
        {
            // The session answers within one event; a call loop that never does must not leave the phone hanging.
            outcome = await reply.Outcome.WaitAsync(owner.Endpoint.Options.Timers.TransactionTimeout / 2, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            outcome = new ReofferOutcome(500, "Server Internal Error - No Answer From Call", null);
        }

        if (outcome.Accepted)
        {
            var body = Encoding.UTF8.GetBytes(outcome.SdpAnswer!);
            if (reinvite is not null)
            {
                await reinvite.AcceptAsync(Sdp, body, AddAllow);
            }
            else
            {
                var ok = request.CreateResponse(200, "OK")
                    .Add(SipHeaderKind.Contact, "<" + localContact + ">")
                    .Add(SipHeaderKind.ContentType, Sdp);
                ok.Body = body;
                dialog.RefreshTarget(request.Message);
                dialog.EndRemoteOffer();
                await request.RespondAsync(ok);
            }
        }
        else
        {
            Action<SipMessage> configure = response =>
            {
                if (outcome.StatusCode == 488)
                {
                    // RFC 3261 §20.43: 305 Incompatible media format.
                    response.Add("Warning", "305 sipcube \"Incompatible media format\"");
                }
            };
            if (reinvite is not null)
            {
                await reinvite.RejectAsync(outcome.StatusCode, outcome.ReasonPhrase, configure);
            }
            else
            {
                var refusal = request.CreateResponse(outcome.StatusCode, outcome.ReasonPhrase);
                configure(refusal);
                dialog.EndRemoteOffer();
                await request.RespondAsync(refusal);
            }
        }

        var elapsed = time.GetElapsedTime(started);
        owner.Metrics.Reoffer(reinvite is null ? "update" : "reinvite", outcome.StatusCode, elapsed);
        SipCallsLog.Reoffer(owner.Logger, callId, legId, reinvite is null ? "UPDATE" : "re-INVITE", outcome.StatusCode, elapsed.TotalMilliseconds);
    }

    private async ValueTask RespondWithoutOfferAsync(SipDialog dialog, SipServerRequest request, bool isInvite)
    {
        if (isInvite)
        {
            // An offerless re-INVITE wants our offer in the 2xx and its answer in the ACK (RFC 3261 §14.2); the media
            // bridge takes phone offers only, so it is refused and the session stays as it is.
            owner.Metrics.Reoffer("reinvite", 488);
            await request.RespondAsync(request.CreateResponse(488, "Not Acceptable Here - Re-INVITE Without SDP Offer Not Supported")
                .Add("Warning", "399 sipcube \"send the SDP offer in the re-INVITE\""));
            return;
        }

        // RFC 3311 §5.2: an UPDATE without a body refreshes the target (and session timers) and changes no media.
        dialog.RefreshTarget(request.Message);
        owner.Metrics.Reoffer("update", 200);
        await request.RespondAsync(request.CreateResponse(200, "OK").Add(SipHeaderKind.Contact, "<" + localContact + ">"));
    }

    private async ValueTask OnInfoAsync(SipServerRequest request)
    {
        var message = request.Message;
        if (message.Get("Info-Package") is not null)
        {
            // RFC 6086 §4.2.2: we never listed an Info Package in Recv-Info, so every package is one we did not offer.
            owner.Metrics.DtmfInfo("bad_package");
            await request.RespondAsync(request.CreateResponse(469, "Bad Info Package").Add("Recv-Info", string.Empty));
            return;
        }

        if (message.Body.IsEmpty)
        {
            await request.RespondAsync(200, "OK");
            return;
        }

        var mediaType = MediaType(message);
        if (!DtmfInfoBody.IsDtmfType(mediaType))
        {
            owner.Metrics.DtmfInfo("unsupported");
            await request.RespondAsync(request.CreateResponse(415, "Unsupported Media Type").Add(SipHeaderKind.Accept, DtmfInfoBody.AcceptedTypes));
            return;
        }

        if (!DtmfInfoBody.TryParse(mediaType!, message.Body.Span, out var digit, out var duration, out var error))
        {
            owner.Metrics.DtmfInfo("malformed");
            await request.RespondAsync(400, "Bad Request - Malformed DTMF " + error);
            return;
        }

        owner.Metrics.DtmfInfo("digit");
        sink.Post(new CallEvent.SipDtmfReceived(legId, digit, duration));
        SipCallsLog.LegEvent(owner.Logger, callId, legId, "INFO DTMF " + digit);
        await request.RespondAsync(200, "OK");
    }

    private void OnAckTimedOut(IncomingReinvite reinvite)
    {
        SipCallsLog.LegFailed(owner.Logger, callId, legId, "no ACK for the re-INVITE's 200 OK within 64*T1 (BYE sent)");
        dialogLost();
    }

    private static string? MediaType(SipMessage message) => message.Get(SipHeaderKind.ContentType)?.Split(';', 2)[0].Trim();

    private static void AddAllow(SipMessage response) => response.Add(SipHeaderKind.Allow, SipCallHandlers.AllowedMethods);
}
