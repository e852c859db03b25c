using System.Globalization;
using Microsoft.Extensions.Logging;
using SipCube.Calls.Ports;
using SipCube.Contracts.Mappings;
using SipCube.Sip;
using SipCube.Sip.Auth;
using SipCube.Sip.Dialogs;
using SipCube.Sip.Message;

namespace SipCube.Calls.Sip;

/// <summary>
/// INVITEs from phones. Out of dialog: authenticate (407), check the caller is a phone mapping, require an SDP offer,
/// start a call and post <see cref="CallEvent.PhoneCallStarted"/>. In dialog (a re-INVITE): to the dialog's leg
/// (<see cref="DialogUpdates"/>), 481 for an unknown dialog, 500 for a CSeq out of order.
/// </summary>
/// <remarks>
/// RFC 3261 §22.3 (proxy-style challenge: 407 Proxy-Authenticate, the phone retries with Proxy-Authorization; a wrong
/// user and a wrong password look the same), §13.3.1 (processing the INVITE), §21.4.19/§21.5.4 (415/503 with
/// Accept/Retry-After), §14.2 (re-INVITE).
/// </remarks>
internal sealed class InviteHandler(SipLegFactory legs, CallRegistry registry, DigestAuthenticator authenticator, IMappingLookup mappings)
    : ISipRequestHandler
{
    public async ValueTask HandleAsync(SipServerRequest request)
    {
        var message = request.Message;
        if (SipDialog.KeyOfRequest(message) is { } dialogKey)
        {
            await ReinviteAsync(request, dialogKey);
            return;
        }

        if (!NameAddress.TryParse(message.Get(SipHeaderKind.From), out var from) || !from.Uri.IsSip || from.Uri.User is null)
        {
            await request.RespondAsync(400, "Bad Request - Malformed From");
            return;
        }

        var caller = await AuthenticateAsync(request, from);
        if (caller is null)
        {
            return;
        }

        if (!SipUri.TryParse(message.RequestUri, out var target) || target.User is null)
        {
            await request.RespondAsync(404, "Not Found");
            return;
        }

        if (await RefuseBodyAsync(request))
        {
            return;
        }

        await StartCallAsync(request, caller, target);
    }

    /// <summary>A re-INVITE goes to its leg (RFC 3261 §14.2); in-dialog requests are not challenged again, the dialog
    /// itself (Call-ID and both tags, on the phone's flow) was set up authenticated.</summary>
    private async ValueTask ReinviteAsync(SipServerRequest request, string dialogKey)
    {
        var leg = legs.Legs.Find(dialogKey);
        if (leg is null)
        {
            SipCallsLog.UnknownDialog(legs.Logger, SipMethods.Invite, request.Message.CallId, request.Flow.ToString());
            await request.RespondAsync(481, "Call/Transaction Does Not Exist");
            return;
        }

        if (!leg.AcceptsCSeq(request.Message))
        {
            await request.RespondAsync(500, "Server Internal Error - CSeq Out of Order");
            return;
        }

        await leg.OnSessionRequestAsync(request);
    }

    private async ValueTask<MappingIdentity?> AuthenticateAsync(SipServerRequest request, NameAddress from)
    {
        var message = request.Message;
        var realm = legs.Options.Realm ?? from.Uri.Host.ToLowerInvariant();
        var (outcome, user) = await authenticator.AuthenticateAsync(message, realm, SipHeaderKind.ProxyAuthorization, CancellationToken.None);
        if (outcome != DigestOutcome.Authenticated)
        {
            if (outcome != DigestOutcome.Missing)
            {
                SipCallsLog.InviteRefused(legs.Logger, message.CallId, request.Flow.ToString(), outcome.ToString());
            }

            legs.Metrics.Inbound(outcome == DigestOutcome.Missing ? "challenged" : "auth_failed");
            var challenge = request.CreateResponse(407, "Proxy Authentication Required");
            authenticator.AddChallenges(challenge, realm, outcome == DigestOutcome.Stale, SipHeaderKind.ProxyAuthenticate);
            await request.RespondAsync(challenge);
            return null;
        }

        var mapping = string.Equals(user, SipUri.Unescape(from.Uri.User!), StringComparison.Ordinal)
            ? await mappings.FindBySipUriAsync(user!, realm, CancellationToken.None)
            : null;
        if (mapping is null || !mapping.IsPhone)
        {
            SipCallsLog.InviteRefused(legs.Logger, message.CallId, request.Flow.ToString(), "not a phone mapping or From user mismatch");
            legs.Metrics.Inbound("forbidden");
            await request.RespondAsync(403, "Forbidden");
            return null;
        }

        return mapping;
    }

    /// <summary>We only take offers in the INVITE (no late offer): no body is 488, a non-SDP body 415, no Contact 400.</summary>
    private async ValueTask<bool> RefuseBodyAsync(SipServerRequest request)
    {
        var refused = await RefuseBodyCoreAsync(request);
        if (refused)
        {
            legs.Metrics.Inbound("refused");
        }

        return refused;
    }

    private static async ValueTask<bool> RefuseBodyCoreAsync(SipServerRequest request)
    {
        var message = request.Message;
        if (message.Body.IsEmpty)
        {
            await request.RespondAsync(488, "Not Acceptable Here - SDP Offer Required");
            return true;
        }

        var contentType = message.Get(SipHeaderKind.ContentType);
        var mediaType = contentType?.Split(';', 2)[0].Trim();
        if (!string.Equals(mediaType, "application/sdp", StringComparison.OrdinalIgnoreCase))
        {
            await request.RespondAsync(request.CreateResponse(415, "Unsupported Media Type").Add(SipHeaderKind.Accept, "application/sdp"));
            return true;
        }

        if (message.Get(SipHeaderKind.Contact) is null)
        {
            await request.RespondAsync(400, "Bad Request - Missing Contact");
            return true;
        }

        return false;
    }

    private async ValueTask StartCallAsync(SipServerRequest request, MappingIdentity caller, SipUri target)
    {
        var message = request.Message;
        var callId = Guid.NewGuid().ToString("N");
        var session = registry.TryStart(callId);
        if (session is null)
        {
            legs.Metrics.Inbound("unavailable");
            await request.RespondAsync(request.CreateResponse(503, "Service Unavailable")
                .Add("Retry-After", legs.Options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        legs.Metrics.Inbound("started");
        registry.TryAddAlias(message.CallId!, session);
        var invite = new IncomingInvite(request);
        var leg = new InboundSipLeg(legs, invite, callId, session.Sink);
        leg.Start();
        if (legs.Logger.IsEnabled(LogLevel.Information))
        {
            SipCallsLog.InboundCall(legs.Logger, message.CallId, caller.SipUri, callId);
        }

        session.Sink.Post(new CallEvent.PhoneCallStarted(leg, new PhoneCallRequest
        {
            SipCallId = message.CallId!,
            Caller = caller,
            TargetUser = SipUri.Unescape(target.User!),
            TargetDomain = target.Host.ToLowerInvariant(),
            SdpOffer = System.Text.Encoding.UTF8.GetString(message.Body.Span),
        }));
    }
}
