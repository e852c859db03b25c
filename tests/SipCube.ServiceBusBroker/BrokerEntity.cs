namespace SipCube.ServiceBusBroker;

/// <summary>
/// A queue or a topic subscription: FIFO of messages with peek-lock, lock expiry, abandon and
/// dead-letter after <see cref="MaxDeliveryCount"/> failed deliveries (the Service Bus semantics the
/// SDK relies on). All members are thread-safe under one lock; the broker is test code, not fast code.
/// </summary>
public sealed class BrokerEntity
{
    readonly object gate = new();
    readonly List<BrokerMessage> messages = [];
    readonly TimeProvider time;
    long nextSequence = 1;

    internal BrokerEntity(string path, int maxDeliveryCount, TimeSpan lockDuration, TimeProvider time)
    {
        Path = path;
        MaxDeliveryCount = maxDeliveryCount;
        LockDuration = lockDuration;
        this.time = time;
        DeadLetters = path.EndsWith("/$deadletterqueue", StringComparison.Ordinal)
            ? null!
            : new BrokerEntity(path + "/$deadletterqueue", int.MaxValue, lockDuration, time);
    }

    /// <summary>Normalised (lower-case, no leading slash) entity path.</summary>
    public string Path { get; }

    /// <summary>Deliveries after which a message moves to the dead-letter queue.</summary>
    public int MaxDeliveryCount { get; }

    /// <summary>Peek-lock duration.</summary>
    public TimeSpan LockDuration { get; }

    /// <summary>The dead-letter sub-queue (null for a dead-letter queue itself).</summary>
    public BrokerEntity DeadLetters { get; }

    /// <summary>Raised after a message became available (enqueue, abandon, lock expiry).</summary>
    internal event Action? Available;

    internal void RaiseAvailable() => Available?.Invoke();

    /// <summary>Messages currently held (available or locked).</summary>
    public IReadOnlyList<BrokerMessage> Snapshot()
    {
        lock (gate)
        {
            return messages.ToArray();
        }
    }

    internal void Enqueue(byte[] encoded)
    {
        lock (gate)
        {
            messages.Add(new BrokerMessage(encoded, nextSequence++, time.GetUtcNow()));
        }

        Available?.Invoke();
    }

    internal void Enqueue(BrokerMessage deadLettered)
    {
        lock (gate)
        {
            var copy = new BrokerMessage(deadLettered.Encoded, nextSequence++, time.GetUtcNow())
            {
                DeliveryCount = deadLettered.DeliveryCount,
                DeadLetterReason = deadLettered.DeadLetterReason,
                DeadLetterErrorDescription = deadLettered.DeadLetterErrorDescription,
            };
            messages.Add(copy);
        }

        Available?.Invoke();
    }

    /// <summary>Locks the oldest available message, first returning expired locks to the queue.</summary>
    internal BrokerMessage? TryLockNext()
    {
        lock (gate)
        {
            ExpireLocks();
            var now = time.GetUtcNow();
            foreach (var message in messages)
            {
                if (message.LockToken == Guid.Empty)
                {
                    message.LockToken = Guid.NewGuid();
                    message.LockedUntil = now + LockDuration;
                    return message;
                }
            }

            return null;
        }
    }

    /// <summary>Returns expired locks to the queue; true when any message became available.</summary>
    internal bool ExpireLocks()
    {
        var changed = false;
        lock (gate)
        {
            var now = time.GetUtcNow();
            foreach (var message in messages.ToArray())
            {
                if (message.LockToken != Guid.Empty && message.LockedUntil <= now)
                {
                    Fail(message, "MaxDeliveryCountExceeded", "lock expired " + (message.DeliveryCount + 1) + " times");
                    changed = true;
                }
            }
        }

        return changed;
    }

    /// <summary>Settles a delivery. Returns false when the lock was lost (expired or unknown).</summary>
    internal bool Settle(Guid lockToken, Settlement settlement, string? reason = null, string? description = null)
    {
        lock (gate)
        {
            var message = messages.Find(m => m.LockToken == lockToken);
            if (message is null || message.LockedUntil <= time.GetUtcNow())
            {
                return false;
            }

            switch (settlement)
            {
                case Settlement.Complete:
                    messages.Remove(message);
                    break;
                case Settlement.Abandon:
                    Fail(message, "MaxDeliveryCountExceeded", "abandoned " + (message.DeliveryCount + 1) + " times");
                    break;
                case Settlement.Release:
                    message.LockToken = Guid.Empty;
                    break;
                case Settlement.DeadLetter:
                    message.DeadLetterReason = reason;
                    message.DeadLetterErrorDescription = description;
                    messages.Remove(message);
                    DeadLetters?.Enqueue(message);
                    break;
            }
        }

        Available?.Invoke();
        return true;
    }

    /// <summary>Extends a lock; null when the lock was lost.</summary>
    internal DateTimeOffset? RenewLock(Guid lockToken)
    {
        lock (gate)
        {
            var message = messages.Find(m => m.LockToken == lockToken);
            var now = time.GetUtcNow();
            if (message is null || message.LockedUntil <= now)
            {
                return null;
            }

            message.LockedUntil = now + LockDuration;
            return message.LockedUntil;
        }
    }

    /// <summary>Messages from a sequence number on, without locking them (peek).</summary>
    internal IReadOnlyList<BrokerMessage> Peek(long fromSequence, int count)
    {
        lock (gate)
        {
            return messages.Where(m => m.SequenceNumber >= fromSequence).Take(count).ToArray();
        }
    }

    void Fail(BrokerMessage message, string reason, string description)
    {
        message.LockToken = Guid.Empty;
        message.DeliveryCount++;
        if (message.DeliveryCount >= MaxDeliveryCount && DeadLetters is not null)
        {
            message.DeadLetterReason = reason;
            message.DeadLetterErrorDescription = description;
            messages.Remove(message);
            DeadLetters.Enqueue(message);
        }
    }
}
