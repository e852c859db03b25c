using System.Buffers.Binary;

namespace SipCube.Media.Dtmf;

/// <summary>
/// The 4-byte RFC 4733 event payload.
/// <code>
///  0                   1                   2                   3
///  |     event     |E|R| volume    |          duration             |
/// </code>
/// </summary>
/// <remarks>RFC 4733 §2.3.</remarks>
public static class TelephoneEventPayload
{
    /// <summary>Payload length.</summary>
    public const int Length = 4;

    /// <summary>Default volume (-10 dBm0, a typical DTMF level; RFC 4733 §2.3.4).</summary>
    public const byte DefaultVolume = 10;

    /// <summary>Writes the payload; R is always 0.</summary>
    public static void Write(Span<byte> destination, byte eventCode, bool end, byte volume, ushort duration)
    {
        destination[0] = eventCode;
        destination[1] = (byte)((end ? 0x80 : 0) | (volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], duration);
    }

    /// <summary>The event code of a DTMF symbol (0-9, *, #, A-D), or -1.</summary>
    public static int EventCode(char digit) => digit switch
    {
        >= '0' and <= '9' => digit - '0',
        '*' => 10,
        '#' => 11,
        >= 'A' and <= 'D' => 12 + (digit - 'A'),
        >= 'a' and <= 'd' => 12 + (digit - 'a'),
        _ => -1,
    };

    /// <summary>Rescales a duration between RTP clocks, saturating at the 16-bit field (RFC 4733 §2.5.2.3 would
    /// split longer events; a DTMF digit never gets near 1.3 s at 48 kHz in practice).</summary>
    public static ushort Scale(int duration, int fromClock, int toClock) =>
        (ushort)Math.Min(ushort.MaxValue, (long)duration * toClock / fromClock);
}
