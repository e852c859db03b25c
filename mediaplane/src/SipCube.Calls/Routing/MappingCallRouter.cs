using SipCube.Calls.Ports;
using SipCube.Contracts.Mappings;

namespace SipCube.Calls.Routing;

/// <summary>
/// The routing rules of the bridge, over the mapping store and the registrar.
/// </summary>
/// <remarks>
/// <code>
///  phone -> app (INVITE sip:user@domain from an authenticated phone)
///   domain neither the caller's realm nor a LocalDomain      -> Forbidden (403)
///   caller mapping has no ConnectyCube identity             -> Forbidden (403)
///   user is a phone mapping                                 -> Forbidden (403: phone -> phone stays on SIP)
///   user is an app alias with a ConnectyCube user id        -> ring that user
///   no mapping, all digits, AllowNumericConnectyCubeIds     -> ring ConnectyCube user id = user
///   otherwise                                               -> NotFound (404)
///  app -> phone (call signal to ConnectyCube user id N)
///   N is no phone mapping                                   -> NotFound (reject)
///   the phone has no registered contact                     -> Unavailable (reject)
///   otherwise                                               -> fork to every contact
/// </code>
/// Nothing here can produce a SIP destination outside the registrar, so a phone can never make the node place a
/// call to an arbitrary external address.
/// </remarks>
public sealed class MappingCallRouter(IMappingLookup mappings, IContactLocator contacts, CallRoutingOptions options)
    : ICallRouter
{
    /// <inheritdoc/>
    public async ValueTask<CallRoute> RouteFromPhoneAsync(PhoneCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = request.Caller;
        var domain = request.TargetDomain.ToLowerInvariant();
        if (!IsLocalDomain(domain, caller))
        {
            return CallRoute.Refuse(TerminationReason.Forbidden);
        }

        if (caller.ConnectyCube is null || caller.ConnectyCubeUserId is null)
        {
            return CallRoute.Refuse(TerminationReason.Forbidden);
        }

        var target = await mappings.FindBySipUriAsync(request.TargetUser, domain, cancellationToken);
        if (target is not null)
        {
            if (target.IsPhone)
            {
                return CallRoute.Refuse(TerminationReason.Forbidden);
            }

            return target.ConnectyCubeUserId is { } id && id > 0
                ? CallRoute.ToApp(new AppCallTarget(id, caller))
                : CallRoute.Refuse(TerminationReason.NotFound);
        }

        if (options.AllowNumericConnectyCubeIds && TryParseUserId(request.TargetUser, out var userId))
        {
            return userId == caller.ConnectyCubeUserId
                ? CallRoute.Refuse(TerminationReason.Forbidden)
                : CallRoute.ToApp(new AppCallTarget(userId, caller));
        }

        return CallRoute.Refuse(TerminationReason.NotFound);
    }

    /// <inheritdoc/>
    public async ValueTask<CallRoute> RouteFromAppAsync(AppCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var phone = await mappings.FindByConnectyCubeUserIdAsync(request.CalleeUserId, cancellationToken);
        if (phone is null || !phone.IsPhone)
        {
            return CallRoute.Refuse(TerminationReason.NotFound);
        }

        var targets = contacts.GetContacts(phone.SipUri);
        return targets.Count == 0
            ? new CallRoute { Refusal = TerminationReason.Unavailable, Phone = phone }
            : CallRoute.ToPhone(phone, targets);
    }

    private bool IsLocalDomain(string domain, MappingIdentity caller) =>
        string.Equals(domain, caller.Domain, StringComparison.OrdinalIgnoreCase)
        || options.LocalDomains.Any(d => string.Equals(d, domain, StringComparison.OrdinalIgnoreCase));

    /// <summary>All ASCII digits, no sign, fits a positive long (ConnectyCube ids are positive integers).</summary>
    private static bool TryParseUserId(string user, out long id)
    {
        id = 0;
        if (user.Length is 0 or > 18)
        {
            return false;
        }

        foreach (var c in user)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            id = (id * 10) + (c - '0');
        }

        return id > 0;
    }
}
