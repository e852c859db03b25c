namespace SipCube.Media.Relay;

/// <summary>
/// Maps one leg's payload type numbers to the other leg's for the formats both negotiated (passthrough). A payload
/// type with no counterpart is dropped, never forwarded with a number the receiver would misread.
/// </summary>
/// <remarks>RFC 3264 §6.1: each side may use its own dynamic numbers for the same format (opus is 111 in Chromium,
/// often 96-127 elsewhere; telephone-event 101 vs 126).</remarks>
public sealed class PayloadTypeMap
{
    private const byte None = 0xFF;
    private readonly byte[] map = new byte[128];
    private readonly int[] clockRates = new int[128];
    private readonly bool[] telephoneEvent = new bool[128];

    private PayloadTypeMap()
    {
        map.AsSpan().Fill(None);
    }

    /// <summary>Builds the map for packets from a leg that negotiated <paramref name="from"/> toward a leg that
    /// negotiated <paramref name="to"/>.</summary>
    public static PayloadTypeMap Create(IEnumerable<RtpCodec> from, IReadOnlyCollection<RtpCodec> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var result = new PayloadTypeMap();
        foreach (var codec in from)
        {
            if (codec.PayloadType > 127)
            {
                continue;
            }

            foreach (var target in to)
            {
                if (codec.SameFormat(target) && target.PayloadType <= 127)
                {
                    result.map[codec.PayloadType] = target.PayloadType;
                    result.clockRates[codec.PayloadType] = codec.ClockRate;
                    result.telephoneEvent[codec.PayloadType] = codec.IsTelephoneEvent;
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>True when any format is shared.</summary>
    public bool IsEmpty => map.AsSpan().IndexOfAnyExcept(None) < 0;

    /// <summary>The outgoing number for <paramref name="payloadType"/>; false when it is not shared.</summary>
    public bool TryMap(byte payloadType, out byte mapped)
    {
        mapped = map[payloadType & 0x7F];
        return mapped != None;
    }

    /// <summary>RTP clock rate of an incoming (mapped) payload type.</summary>
    public int ClockRate(byte payloadType) => clockRates[payloadType & 0x7F];

    /// <summary>Whether an incoming payload type is telephone-event.</summary>
    public bool IsTelephoneEvent(byte payloadType) => telephoneEvent[payloadType & 0x7F];
}
