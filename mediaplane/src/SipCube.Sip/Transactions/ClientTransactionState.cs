namespace SipCube.Sip.Transactions;

/// <summary>States of a client transaction.</summary>
/// <remarks>RFC 3261 §17.1.1 (Calling for INVITE), §17.1.2 (Trying); RFC 6026 §7.2 (Accepted).</remarks>
public enum ClientTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Accepted,
    Terminated,
}
