using System.Buffers.Binary;

namespace SipCube.Rtp;

/// <summary>
/// A parsed view of one RTP packet over the caller's bytes (no copy): fixed header, CSRCs,
/// header extension (profile + data), payload and padding.
/// <code>
///  0                   1                   2                   3
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// |                           timestamp                           |
/// |                             SSRC                              |
/// |                       CSRC list (CC x 32)                     |
/// |   profile (0xBEDE / 0x100x)   |       length (32-bit words)   |  if X
/// |                     extension data ...                        |
/// |                     payload ...      | padding ... | count    |  if P
/// </code>
/// </summary>
/// <remarks>RFC 3550 §5.1 and §5.3.1</remarks>
public readonly ref struct RtpPacket
{
    /// <summary>Fixed header length.</summary>
    public const int FixedHeaderLength = 12;

    /// <summary>Creates a packet to write; <paramref name="extensionData"/> must be a multiple of 4 bytes.</summary>
    public RtpPacket(bool marker, byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload,
        ReadOnlySpan<byte> csrcs = default, ushort extensionProfile = 0, ReadOnlySpan<byte> extensionData = default, bool hasExtension = false, byte paddingLength = 0)
    {
        Marker = marker;
        PayloadType = (byte)(payloadType & 0x7F);
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Ssrc = ssrc;
        Payload = payload;
        Csrcs = csrcs;
        HasExtension = hasExtension || !extensionData.IsEmpty;
        ExtensionProfile = extensionProfile;
        ExtensionData = extensionData;
        PaddingLength = paddingLength;
    }

    /// <summary>M bit.</summary>
    public bool Marker { get; }

    /// <summary>PT (7 bits).</summary>
    public byte PayloadType { get; }

    /// <summary>Sequence number.</summary>
    public ushort SequenceNumber { get; }

    /// <summary>RTP timestamp.</summary>
    public uint Timestamp { get; }

    /// <summary>Synchronization source.</summary>
    public uint Ssrc { get; }

    /// <summary>The CSRC list as raw big-endian words (4 bytes each).</summary>
    public ReadOnlySpan<byte> Csrcs { get; }

    /// <summary>Number of CSRCs.</summary>
    public int CsrcCount => Csrcs.Length / 4;

    /// <summary>X bit: a header extension is present.</summary>
    public bool HasExtension { get; }

    /// <summary>Extension profile: 0xBEDE one-byte, 0x100x two-byte (RFC 8285), else profile-specific.</summary>
    public ushort ExtensionProfile { get; }

    /// <summary>Extension data (without the 4-byte profile/length word).</summary>
    public ReadOnlySpan<byte> ExtensionData { get; }

    /// <summary>Payload without padding.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Padding bytes at the end, including the count byte (0 when P is clear).</summary>
    public byte PaddingLength { get; }

    /// <summary>Header length (fixed + CSRCs + extension).</summary>
    public int HeaderLength => FixedHeaderLength + Csrcs.Length + (HasExtension ? 4 + ExtensionData.Length : 0);

    /// <summary>CSRC number <paramref name="index"/>.</summary>
    public uint Csrc(int index) => BinaryPrimitives.ReadUInt32BigEndian(Csrcs.Slice(4 * index, 4));

    /// <summary>Parses the whole datagram as one RTP packet; <paramref name="consumed"/> is its length.</summary>
    public static RtpParseResult TryParse(ReadOnlySpan<byte> data, out RtpPacket packet, out int consumed)
    {
        packet = default;
        consumed = 0;
        if (data.Length < FixedHeaderLength)
        {
            return RtpParseResult.TooShort;
        }

        if (data[0] >> 6 != 2)
        {
            return RtpParseResult.BadVersion;
        }

        int offset = FixedHeaderLength;
        int csrcBytes = 4 * (data[0] & 0x0F);
        if (data.Length < offset + csrcBytes)
        {
            return RtpParseResult.CsrcOverrun;
        }

        ReadOnlySpan<byte> csrcs = data.Slice(offset, csrcBytes);
        offset += csrcBytes;
        bool hasExtension = (data[0] & 0x10) != 0;
        ushort profile = 0;
        ReadOnlySpan<byte> extension = default;
        if (hasExtension)
        {
            if (data.Length < offset + 4)
            {
                return RtpParseResult.ExtensionOverrun;
            }

            profile = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
            int extensionBytes = 4 * BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            offset += 4;
            if (data.Length < offset + extensionBytes)
            {
                return RtpParseResult.ExtensionOverrun;
            }

            extension = data.Slice(offset, extensionBytes);
            offset += extensionBytes;
        }

        int end = data.Length;
        byte padding = 0;
        if ((data[0] & 0x20) != 0)
        {
            padding = data[^1];
            if (padding == 0 || padding > end - offset)
            {
                return RtpParseResult.BadPadding;
            }

            end -= padding;
        }

        packet = new RtpPacket(
            (data[1] & 0x80) != 0,
            (byte)(data[1] & 0x7F),
            BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
            data[offset..end],
            csrcs,
            profile,
            extension,
            hasExtension,
            padding);
        consumed = data.Length;
        return RtpParseResult.Ok;
    }

    /// <summary>Bytes <see cref="TryWrite"/> needs.</summary>
    public int GetSize() => HeaderLength + Payload.Length + PaddingLength;

    /// <summary>Serializes the packet; false when <paramref name="destination"/> is too small or a field cannot be encoded.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        int size = GetSize();
        if (destination.Length < size || Csrcs.Length % 4 != 0 || Csrcs.Length > 60 || ExtensionData.Length % 4 != 0
            || ExtensionData.Length > 4 * ushort.MaxValue)
        {
            return false;
        }

        destination[0] = (byte)(0x80 | (PaddingLength > 0 ? 0x20 : 0) | (HasExtension ? 0x10 : 0) | (Csrcs.Length / 4));
        destination[1] = (byte)((Marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        int offset = FixedHeaderLength;
        Csrcs.CopyTo(destination[offset..]);
        offset += Csrcs.Length;
        if (HasExtension)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], ExtensionProfile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(ExtensionData.Length / 4));
            ExtensionData.CopyTo(destination[(offset + 4)..]);
            offset += 4 + ExtensionData.Length;
        }

        Payload.CopyTo(destination[offset..]);
        offset += Payload.Length;
        if (PaddingLength > 0)
        {
            destination.Slice(offset, PaddingLength - 1).Clear();
            destination[offset + PaddingLength - 1] = PaddingLength;
            offset += PaddingLength;
        }

        written = offset;
        return true;
    }
}
