using System.Buffers.Binary;

namespace SipCube.Srtp;

/// <summary>Finds where the RTP payload starts: fixed header, CSRCs and header extension (all left in clear).</summary>
/// <remarks>RFC 3550 §5.1 and §5.3.1; RFC 3711 §3.1 (the header is authenticated, not encrypted).</remarks>
internal static class RtpHeaderLength
{
    public const int Fixed = 12;

    public static SrtpResult TryGet(ReadOnlySpan<byte> packet, out int headerLength)
    {
        headerLength = 0;
        if (packet.Length < Fixed)
        {
            return SrtpResult.TooShort;
        }

        if (packet[0] >> 6 != 2)
        {
            return SrtpResult.Malformed;
        }

        int length = Fixed + (4 * (packet[0] & 0x0F));
        if ((packet[0] & 0x10) != 0)
        {
            if (packet.Length < length + 4)
            {
                return SrtpResult.Malformed;
            }

            length += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]));
        }

        if (length > packet.Length)
        {
            return SrtpResult.Malformed;
        }

        headerLength = length;
        return SrtpResult.Ok;
    }
}
