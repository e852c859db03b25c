using System.Buffers.Binary;

namespace SipCube.Media.Dtmf;

/// <summary>
/// Follows the RFC 4733 telephone-event packets of one stream. An event is identified by its RTP timestamp (all its
/// packets share the event's start time), so a new event is recognised even when the sender omits the marker bit
/// (livekit/sip #585); the End bit is reported once however many times it is retransmitted. Completed digits are kept
/// in a small ring for a consumer (SIP INFO conversion, logs) without allocating.
/// </summary>
/// <remarks>RFC 4733 §2.3 (payload format), §2.5.1 (marker on the first packet, End bit, three end packets).</remarks>
public sealed class DtmfEventDetector
{
    private const int RingSize = 16;
    private readonly DtmfDigit[] ring = new DtmfDigit[RingSize];
    private int head;
    private int count;
    private bool hasEvent;
    private uint eventTimestamp;
    private bool ended;

    /// <summary>Digits completed so far.</summary>
    public long DigitsCompleted { get; private set; }

    /// <summary>Classifies one event packet's payload (<paramref name="payload"/> after the RTP header).</summary>
    public DtmfEventKind Observe(ReadOnlySpan<byte> payload, uint rtpTimestamp)
    {
        if (payload.Length < 4)
        {
            return DtmfEventKind.Malformed;
        }

        var isEnd = (payload[1] & 0x80) != 0;
        DtmfEventKind kind;
        if (!hasEvent || rtpTimestamp != eventTimestamp)
        {
            hasEvent = true;
            eventTimestamp = rtpTimestamp;
            ended = false;
            kind = DtmfEventKind.Start;
        }
        else
        {
            kind = DtmfEventKind.Continuation;
        }

        if (!isEnd)
        {
            return kind;
        }

        if (ended)
        {
            return DtmfEventKind.DuplicateEnd;
        }

        ended = true;
        Complete(new DtmfDigit(payload[0], BinaryPrimitives.ReadUInt16BigEndian(payload[2..])));

        // A one-packet event (start and end together) is still a start for marker repair; the digit is recorded.
        return kind == DtmfEventKind.Start ? DtmfEventKind.Start : DtmfEventKind.End;
    }

    /// <summary>Takes the oldest completed digit not yet taken.</summary>
    public bool TryTake(out DtmfDigit digit)
    {
        if (count == 0)
        {
            digit = default;
            return false;
        }

        digit = ring[(head - count + RingSize) % RingSize];
        count--;
        return true;
    }

    private void Complete(DtmfDigit digit)
    {
        ring[head] = digit;
        head = (head + 1) % RingSize;
        count = Math.Min(count + 1, RingSize);
        DigitsCompleted++;
    }
}
