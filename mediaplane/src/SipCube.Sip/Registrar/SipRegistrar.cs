using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Sip.Auth;
using SipCube.Sip.Diagnostics;
using SipCube.Sip.Message;
using SipCube.Sip.Transport;

namespace SipCube.Sip.Registrar;

/// <summary>The REGISTER handler: digest first, then bindings.</summary>
/// <remarks>
/// RFC 3261 §10.3 steps 1-8: authenticate (no unauthenticated REGISTER is ever accepted), check that the
/// authenticated user owns the To AOR (403 otherwise), handle <c>*</c> (only with Expires: 0), per-contact
/// expires with Min-Expires (423) and a cap, Call-ID/CSeq ordering, and answer 200 with every current
/// binding. Contacts are kept as sent and, for NATed phones, also rewritten to the observed source.
/// </remarks>
public sealed class SipRegistrar : ISipRequestHandler
{
    private readonly RegistrarOptions _options;
    private readonly DigestAuthenticator _authenticator;
    private readonly ILocationService _location;
    private readonly TimeProvider _time;
    private readonly SipMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>Creates the registrar.</summary>
    public SipRegistrar(RegistrarOptions options, DigestAuthenticator authenticator, ILocationService location, TimeProvider time,
        SipMetrics metrics, ILogger<SipRegistrar>? logger = null)
    {
        _options = options;
        _authenticator = authenticator;
        _location = location;
        _time = time;
        _metrics = metrics;
        _logger = logger ?? NullLogger<SipRegistrar>.Instance;

        // The gauge follows the location service, so expiry sweeps and qualify removals count too, not only REGISTER.
        _location.RegistrationChanged += (_, e) =>
        {
            if (e.Change == RegistrationChange.Added)
            {
                _metrics.BindingsChanged(1);
            }
            else if (e.Change == RegistrationChange.Removed)
            {
                _metrics.BindingsChanged(-1);
            }
        };
    }

    /// <inheritdoc/>
    public async ValueTask HandleAsync(SipServerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.Message;
        if (message.ToAddress is not { } to || !to.Uri.IsSip || to.Uri.User is null)
        {
            await RespondAsync(request, request.CreateResponse(404, "Not Found"));
            return;
        }

        var aor = to.Uri.ToAor();
        var realm = _options.Realm ?? to.Uri.Host.ToLowerInvariant();
        var (outcome, user) = await _authenticator.AuthenticateAsync(message, realm, request.Cancelled);
        if (outcome != DigestOutcome.Authenticated)
        {
            if (outcome != DigestOutcome.Missing)
            {
                _metrics.AuthFailure(outcome.ToString());
                SipLog.AuthFailed(_logger, aor, request.Flow.ToString(), outcome.ToString());
            }

            var challenge = request.CreateResponse(401, "Unauthorized");
            _authenticator.AddChallenges(challenge, realm, outcome == DigestOutcome.Stale);
            await RespondAsync(request, challenge);
            return;
        }

        if (!string.Equals(user, SipUri.Unescape(to.Uri.User), StringComparison.Ordinal))
        {
            _metrics.AuthFailure("user-mismatch");
            await RespondAsync(request, request.CreateResponse(403, "Forbidden"));
            return;
        }

        var error = Apply(request, aor);
        await RespondAsync(request, error ?? Ok(request, aor));
    }

    private SipMessage? Apply(SipServerRequest request, string aor)
    {
        var message = request.Message;
        var contacts = message.GetAll(SipHeaderKind.Contact).ToList();
        var expiresHeader = message.Get(SipHeaderKind.Expires);
        int? requestExpires = int.TryParse(expiresHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : null;
        if (contacts.Contains("*"))
        {
            if (contacts.Count != 1 || requestExpires != 0)
            {
                return request.CreateResponse(400, "Bad Request - Wildcard Contact Needs Expires 0");
            }

            foreach (var binding in _location.GetContacts(aor))
            {
                Remove(binding, "unregistered");
            }

            return null;
        }

        var parsed = new List<(NameAddress Address, int Expires)>(contacts.Count);
        foreach (var contact in contacts)
        {
            if (!NameAddress.TryParse(contact, out var address))
            {
                return request.CreateResponse(400, "Bad Request - Malformed Contact");
            }

            var expires = int.TryParse(address.Parameters.Get("expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var own)
                ? own : requestExpires ?? _options.DefaultExpires;
            if (expires > 0 && expires < _options.MinExpires)
            {
                return request.CreateResponse(423, "Interval Too Brief")
                    .Add(SipHeaderKind.MinExpires, _options.MinExpires.ToString(CultureInfo.InvariantCulture));
            }

            parsed.Add((address, Math.Min(expires, _options.MaxExpires)));
        }

        foreach (var (address, expires) in parsed)
        {
            Bind(request, aor, address, expires);
        }

        return null;
    }

    private void Bind(SipServerRequest request, string aor, NameAddress address, int expires)
    {
        var message = request.Message;
        var contact = address.Uri.ToString();
        ContactBinding? existing = null;
        foreach (var current in _location.GetContacts(aor))
        {
            if (current.Contact == contact)
            {
                existing = current;
                break;
            }
        }

        var cseq = message.CSeq!.Value.Number;
        var callId = message.CallId!;
        if (existing is not null && existing.CallId == callId && existing.CSeq >= cseq)
        {
            return; // RFC 3261 §10.3 step 7: an older or repeated request must not undo a newer one
        }

        if (expires == 0)
        {
            if (existing is not null)
            {
                Remove(existing, "unregistered");
            }

            return;
        }

        var binding = new ContactBinding(aor, contact, Reachable(address.Uri, request.Flow), request.Flow, callId, cseq,
            _time.GetUtcNow().AddSeconds(expires), message.Get(SipHeaderKind.UserAgent));
        _location.Upsert(binding);

        if (existing is null)
        {
            SipLog.Registered(_logger, aor, contact, request.Flow.ToString(), expires);
        }
        else if (_logger.IsEnabled(LogLevel.Debug))
        {
            SipLog.Refreshed(_logger, aor, contact, request.Flow.ToString(), expires);
        }
    }

    private void Remove(ContactBinding binding, string reason)
    {
        if (_location.Remove(binding.Aor, binding.Contact, reason))
        {
            SipLog.BindingRemoved(_logger, binding.Aor, binding.Contact, reason);
        }
    }

    // Where the phone can really be reached: its Contact with host:port replaced by the packet's source when
    // they differ (RFC 3581 symmetric response routing applied to requests; Kamailio's fix_nated_contact).
    private static string Reachable(SipUri contact, SipFlow flow)
    {
        var source = flow.Remote.Address.IsIPv4MappedToIPv6 ? flow.Remote.Address.MapToIPv4() : flow.Remote.Address;
        var host = source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{source}]" : source.ToString();
        if (string.Equals(contact.Host, host, StringComparison.OrdinalIgnoreCase) && (contact.Port ?? 5060) == flow.Remote.Port)
        {
            return contact.ToString();
        }

        var rewritten = contact.Clone();
        rewritten.Host = host;
        rewritten.Port = flow.Remote.Port;
        return rewritten.ToString();
    }

    private SipMessage Ok(SipServerRequest request, string aor)
    {
        var response = request.CreateResponse(200, "OK");
        var now = _time.GetUtcNow();
        foreach (var binding in _location.GetContacts(aor))
        {
            var remaining = Math.Max(0, (int)Math.Ceiling((binding.ExpiresAt - now).TotalSeconds));
            response.Add(SipHeaderKind.Contact, $"<{binding.Contact}>;expires={remaining.ToString(CultureInfo.InvariantCulture)}");
        }

        response.Add(SipHeaderKind.Date, now.ToString("r", CultureInfo.InvariantCulture));
        return response;
    }

    private ValueTask<bool> RespondAsync(SipServerRequest request, SipMessage response)
    {
        _metrics.Registration(response.StatusCode);
        return request.RespondAsync(response);
    }
}
