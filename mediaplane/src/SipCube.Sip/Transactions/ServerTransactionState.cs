namespace SipCube.Sip.Transactions;

/// <summary>States of a server transaction.</summary>
/// <remarks>RFC 3261 §17.2.1, §17.2.2; RFC 6026 §7.1 (Accepted).</remarks>
public enum ServerTransactionState
{
    Trying,
    Proceeding,
    Completed,
    Accepted,
    Confirmed,
    Terminated,
}
