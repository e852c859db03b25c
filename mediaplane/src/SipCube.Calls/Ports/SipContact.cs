namespace SipCube.Calls.Ports;

/// <summary>One registered contact of a phone's address-of-record, a target of a forked INVITE.</summary>
/// <remarks>RFC 3261 §10.3 (location service bindings), §16.6 (forking to each target).</remarks>
/// <param name="Uri">The Contact URI the phone registered.</param>
public sealed record SipContact(string Uri);
