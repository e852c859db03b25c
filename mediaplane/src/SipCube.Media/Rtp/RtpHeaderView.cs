using System.Buffers.Binary;

namespace SipCube.Media.Rtp;

/// <summary>
/// The fixed RTP header fields the relay reads and rewrites in place. SipCube.Rtp's packet model will replace this
/// once it lands; the relay only needs these few offsets and must not allocate.
/// </summary>
/// <remarks>
/// RFC 3550 §5.1:
/// <code>
///  0                   1                   2                   3
///  |V=2|P|X|  CC   |M|     PT      |       sequence number         |
///  |                           timestamp                           |
///  |           synchronization source (SSRC) identifier            |
///  |            contributing source (CSRC) identifiers (CC x 32)   |
///  | defined by profile (X)        |  length (32-bit words)        | + extension
/// </code>
/// </remarks>
internal static class RtpHeaderView
{
    public const int FixedHeaderLength = 12;

    /// <summary>Validates version and lengths and returns the header length (CSRCs and extension included); the
    /// payload follows it. False for anything that is not a well-formed RTP packet.</summary>
    public static bool TryGetHeaderLength(ReadOnlySpan<byte> packet, out int headerLength)
    {
        headerLength = 0;
        if (packet.Length < FixedHeaderLength || (packet[0] >> 6) != 2)
        {
            return false;
        }

        var length = FixedHeaderLength + ((packet[0] & 0x0F) * 4);
        if ((packet[0] & 0x10) != 0)
        {
            if (packet.Length < length + 4)
            {
                return false;
            }

            length += 4 + (BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]) * 4);
        }

        if (length > packet.Length)
        {
            return false;
        }

        headerLength = length;
        return true;
    }

    /// <summary>RFC 5761 §4: with rtcp-mux, a second byte of 192-223 (PT 64-95 with the marker set) is RTCP.</summary>
    public static bool LooksLikeRtcp(ReadOnlySpan<byte> packet) => packet.Length >= 2 && packet[1] is >= 192 and <= 223;

    public static bool Marker(ReadOnlySpan<byte> packet) => (packet[1] & 0x80) != 0;

    public static byte PayloadType(ReadOnlySpan<byte> packet) => (byte)(packet[1] & 0x7F);

    public static ushort SequenceNumber(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);

    public static uint Timestamp(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);

    public static uint Ssrc(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);

    /// <summary>Rewrites marker, payload type, sequence number, timestamp and SSRC in place.</summary>
    public static void Write(Span<byte> packet, bool marker, byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc)
    {
        packet[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], ssrc);
    }

    /// <summary>Writes a fresh 12-byte header (version 2, no padding, extension or CSRC).</summary>
    public static void WriteFixed(Span<byte> packet, bool marker, byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc)
    {
        packet[0] = 0x80;
        Write(packet, marker, payloadType, sequenceNumber, timestamp, ssrc);
    }
}
