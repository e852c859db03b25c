using SipCube.Contracts.Mappings;
using SipCube.Sip;
using SipCube.Sip.Auth;
using SipCube.Sip.Message;

namespace SipCube.Calls.Sip;

/// <summary>
/// The SIP edge's inbound half: maps INVITE, ACK, BYE, INFO and UPDATE on the endpoint. New INVITEs from registered
/// phones become calls in the <see cref="CallRegistry"/>; in-dialog requests reach the leg of their dialog.
/// </summary>
/// <remarks>
/// RFC 3261 §13.3 (UAS INVITE), §22.3 (407 and Proxy-Authorization), §12.2.2 (481 for an unknown dialog, 500 for a
/// CSeq out of order), §14 (re-INVITE: hold, resume, codec change through the call's media bridge), RFC 3311 (UPDATE:
/// the same), RFC 6086 (INFO: DTMF digits to the app).
/// </remarks>
public sealed class SipCallHandlers
{
    /// <summary>The methods we put in Allow.</summary>
    internal const string AllowedMethods = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE";

    private readonly SipLegFactory _legs;
    private readonly InviteHandler _invite;
    private readonly InDialogHandler _inDialog;

    /// <summary>Creates the handlers.</summary>
    /// <param name="legs">The edge's shared state (endpoint, leg table, options).</param>
    /// <param name="registry">Where inbound calls are started.</param>
    /// <param name="authenticator">The digest authenticator the registrar uses (same realm and credentials).</param>
    /// <param name="mappings">Mapping lookups: only phone mappings may place calls.</param>
    public SipCallHandlers(SipLegFactory legs, CallRegistry registry, DigestAuthenticator authenticator, IMappingLookup mappings)
    {
        ArgumentNullException.ThrowIfNull(legs);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(authenticator);
        ArgumentNullException.ThrowIfNull(mappings);
        _legs = legs;
        _invite = new InviteHandler(legs, registry, authenticator, mappings);
        _inDialog = new InDialogHandler(legs);
    }

    /// <summary>Maps INVITE, ACK, BYE, INFO and UPDATE on the endpoint; call once, before the endpoint starts.</summary>
    public void Map()
    {
        var endpoint = _legs.Endpoint;
        endpoint.MapMethod(SipMethods.Invite, _invite);
        endpoint.MapMethod(SipMethods.Ack, _inDialog);
        endpoint.MapMethod(SipMethods.Bye, _inDialog);
        endpoint.MapMethod(SipMethods.Info, _inDialog);
        endpoint.MapMethod(SipMethods.Update, _inDialog);
    }
}
