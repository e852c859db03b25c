namespace SipCube.Dtls;

/// <summary>Which end of the DTLS handshake we take, from the SDP <c>a=setup</c> negotiation.</summary>
/// <remarks>RFC 8842 §5.3 (active = DTLS client, passive = DTLS server)</remarks>
public enum DtlsRole
{
    /// <summary>We send the ClientHello (our side is <c>setup:active</c>).</summary>
    Client,

    /// <summary>We wait for the ClientHello (our side is <c>setup:passive</c>).</summary>
    Server,
}
