namespace SipCube.Codecs.Jitter;

/// <summary>What <see cref="JitterBuffer.Push"/> did with a packet.</summary>
public enum JitterPushResult
{
    /// <summary>Stored for playout.</summary>
    Accepted,

    /// <summary>Dropped: the same sequence number is already buffered.</summary>
    Duplicate,

    /// <summary>Dropped: its playout time has passed (sequence before the next one to play).</summary>
    Late,

    /// <summary>Dropped: payload larger than <see cref="JitterBufferOptions.MaxPayloadBytes"/>.</summary>
    TooLarge,

    /// <summary>Stored after flushing: the sequence jumped by more than RFC 3550 §A.1 allows (stream restart).</summary>
    Restarted,
}
