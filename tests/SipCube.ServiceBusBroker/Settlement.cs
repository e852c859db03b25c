namespace SipCube.ServiceBusBroker;

/// <summary>How a receiver settled a peek-locked delivery.</summary>
internal enum Settlement
{
    /// <summary>accepted: remove the message.</summary>
    Complete,

    /// <summary>modified: unlock and count a failed delivery.</summary>
    Abandon,

    /// <summary>released: unlock without counting (the client had no receive pending).</summary>
    Release,

    /// <summary>rejected with com.microsoft:dead-letter.</summary>
    DeadLetter,
}
