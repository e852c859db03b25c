namespace SipCube.Calls.Ports;

/// <summary>The registrar's location service, read-only: the current contacts of an address-of-record.</summary>
/// <remarks>RFC 3261 §10.3, §16.5 (determining request targets).</remarks>
public interface IContactLocator
{
    /// <summary>Unexpired contacts registered for <paramref name="aor"/> (<c>sip:user@domain</c>); empty if none.</summary>
    IReadOnlyList<SipContact> GetContacts(string aor);
}
