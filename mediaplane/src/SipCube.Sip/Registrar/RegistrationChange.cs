namespace SipCube.Sip.Registrar;

/// <summary>Kinds of location-service changes.</summary>
/// <remarks>RFC 3261 §10.3 step 8.</remarks>
public enum RegistrationChange
{
    Added,
    Refreshed,
    Removed,
}
