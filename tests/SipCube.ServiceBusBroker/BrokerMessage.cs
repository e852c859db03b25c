namespace SipCube.ServiceBusBroker;

/// <summary>One message held by a <see cref="BrokerEntity"/>: the encoded AMQP message plus broker state.</summary>
public sealed class BrokerMessage
{
    internal BrokerMessage(byte[] encoded, long sequenceNumber, DateTimeOffset enqueuedTime)
    {
        Encoded = encoded;
        SequenceNumber = sequenceNumber;
        EnqueuedTime = enqueuedTime;
    }

    /// <summary>The message as the sender encoded it (header, properties, body sections).</summary>
    public byte[] Encoded { get; }

    /// <summary>Broker-assigned sequence number (x-opt-sequence-number).</summary>
    public long SequenceNumber { get; }

    /// <summary>When the broker accepted it.</summary>
    public DateTimeOffset EnqueuedTime { get; }

    /// <summary>Failed deliveries so far (lock expired or abandoned).</summary>
    public int DeliveryCount { get; internal set; }

    /// <summary>Current lock token, empty when not locked.</summary>
    public Guid LockToken { get; internal set; }

    /// <summary>Lock expiry, meaningful while <see cref="LockToken"/> is set.</summary>
    public DateTimeOffset LockedUntil { get; internal set; }

    /// <summary>Why it was dead-lettered (DeadLetterReason), when it was.</summary>
    public string? DeadLetterReason { get; internal set; }

    /// <summary>DeadLetterErrorDescription, when it was dead-lettered.</summary>
    public string? DeadLetterErrorDescription { get; internal set; }
}
