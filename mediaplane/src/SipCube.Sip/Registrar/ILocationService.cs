namespace SipCube.Sip.Registrar;

/// <summary>The location service: current contacts of each address-of-record.</summary>
/// <remarks>RFC 3261 §10.2 and §10.3; the bridge uses <see cref="GetContacts"/> to fork INVITEs.</remarks>
public interface ILocationService
{
    /// <summary>Raised after every change.</summary>
    event EventHandler<RegistrationChangedEventArgs>? RegistrationChanged;

    /// <summary>Unexpired contacts of <paramref name="aor"/> (e.g. "sip:alice@example.com").</summary>
    IReadOnlyList<ContactBinding> GetContacts(string aor);

    /// <summary>Adds or refreshes a binding (keyed by AOR + Contact).</summary>
    void Upsert(ContactBinding binding);

    /// <summary>Removes one binding; false when it was not there.</summary>
    bool Remove(string aor, string contact, string reason);

    /// <summary>Every unexpired binding (for qualify).</summary>
    IReadOnlyList<ContactBinding> AllBindings();
}
