namespace SipCube.Testing.Phones;

/// <summary>The SIP transport a test phone registers and calls over.</summary>
/// <remarks>RFC 3261 §18.</remarks>
public enum PhoneTransport
{
    /// <summary>SIP over UDP.</summary>
    Udp,

    /// <summary>SIP over TCP.</summary>
    Tcp,
}
