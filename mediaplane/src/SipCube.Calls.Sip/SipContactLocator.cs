using SipCube.Calls.Ports;
using SipCube.Sip.Registrar;

namespace SipCube.Calls.Sip;

/// <summary>The registrar's bindings as call targets: each unexpired Contact of an AOR is one fork.</summary>
/// <remarks>RFC 3261 §10.3 (location service), §16.5 (request targets). <see cref="SipContact.Uri"/> is the Contact the
/// phone registered; <see cref="SipLegFactory"/> finds the binding again to send on its flow.</remarks>
public sealed class SipContactLocator(ILocationService location) : IContactLocator
{
    /// <inheritdoc/>
    public IReadOnlyList<SipContact> GetContacts(string aor) =>
        location.GetContacts(aor).Select(b => new SipContact(b.Contact)).ToList();
}
