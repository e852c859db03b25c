using System.Buffers.Binary;

namespace SipCube.Rtp;

/// <summary>
/// One RFC 4733 named telephone event (DTMF 0-9 = 0-9, * = 10, # = 11, A-D = 12-15).
/// <code>
/// |     event     |E|R| volume    |          duration             |
/// </code>
/// </summary>
/// <remarks>RFC 4733 §2.3. The R bit is ignored on receive and written as 0.</remarks>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    /// <summary>Payload size.</summary>
    public const int Size = 4;

    /// <summary>Parses the first event of an RFC 4733 payload.</summary>
    public static RtpParseResult TryParse(ReadOnlySpan<byte> data, out TelephoneEvent value, out int consumed)
    {
        if (data.Length < Size)
        {
            value = default;
            consumed = 0;
            return RtpParseResult.TooShort;
        }

        value = new TelephoneEvent(data[0], (data[1] & 0x80) != 0, (byte)(data[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(data[2..]));
        consumed = Size;
        return RtpParseResult.Ok;
    }

    /// <summary>Bytes needed.</summary>
    public int GetSize() => Size;

    /// <summary>Serializes the event (volume limited to 6 bits).</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Size || Volume > 63)
        {
            return false;
        }

        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | Volume);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        written = Size;
        return true;
    }

    /// <summary>The DTMF character for events 0-15, or '\0'.</summary>
    public char ToDtmf() => Event switch
    {
        <= 9 => (char)('0' + Event),
        10 => '*',
        11 => '#',
        <= 15 => (char)('A' + Event - 12),
        _ => '\0',
    };
}
