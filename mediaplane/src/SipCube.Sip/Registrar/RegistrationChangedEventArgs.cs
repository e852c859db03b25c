namespace SipCube.Sip.Registrar;

/// <summary>A binding was added, refreshed or removed.</summary>
/// <remarks>RFC 3261 §10.3 (the bridge forks INVITEs to the current bindings).</remarks>
public sealed class RegistrationChangedEventArgs(ContactBinding binding, RegistrationChange change, string? reason) : EventArgs
{
    /// <summary>The binding.</summary>
    public ContactBinding Binding { get; } = binding;

    /// <summary>What happened.</summary>
    public RegistrationChange Change { get; } = change;

    /// <summary>Why it was removed (expired, unregistered, qualify timeout), or null.</summary>
    public string? Reason { get; } = reason;
}
