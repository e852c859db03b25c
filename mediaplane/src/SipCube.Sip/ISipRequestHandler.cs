namespace SipCube.Sip;

/// <summary>Handles new requests of one method (the transaction user).</summary>
/// <remarks>RFC 3261 §8.2 (UAS behaviour) and §17.2 (the TU above server transactions).</remarks>
public interface ISipRequestHandler
{
    /// <summary>Handles a request; must answer through <see cref="SipServerRequest.RespondAsync(Message.SipMessage)"/> (except ACK).</summary>
    ValueTask HandleAsync(SipServerRequest request);
}
