using System.Buffers.Binary;
using System.Text;

namespace SipCube.Rtp.Rtcp;

/// <summary>SDES: one chunk per source with its items (CNAME = 1, NAME = 2, ... PRIV = 8), each chunk
/// ended by a zero item and padded to a word.</summary>
/// <remarks>RFC 3550 §6.5</remarks>
public sealed class RtcpSourceDescription : RtcpPacket
{
    /// <summary>CNAME item type.</summary>
    public const byte CnameItem = 1;

    /// <summary>Chunks: SSRC and its items (type, UTF-8 text).</summary>
    public IReadOnlyList<(uint Ssrc, IReadOnlyList<(byte Type, string Text)> Items)> Chunks { get; init; } = [];

    /// <inheritdoc/>
    public override RtcpPacketType PacketType => RtcpPacketType.SourceDescription;

    /// <summary>An SDES with one chunk carrying a CNAME.</summary>
    public static RtcpSourceDescription WithCname(uint ssrc, string cname) => new() { Chunks = [(ssrc, [(CnameItem, cname)])] };

    /// <summary>Parses one SDES (header included).</summary>
    public static RtcpParseResult TryParse(ReadOnlySpan<byte> data, out RtcpSourceDescription? description, out int consumed)
    {
        description = null;
        consumed = 0;
        RtcpParseResult result = RtcpHeader.TryParse(data, out RtcpHeader header, out _);
        if (result != RtcpParseResult.Ok)
        {
            return result;
        }

        ReadOnlySpan<byte> body = data[RtcpHeader.Size..header.PacketLength];
        var chunks = new List<(uint, IReadOnlyList<(byte, string)>)>(header.Count);
        int offset = 0;
        for (int chunk = 0; chunk < header.Count; chunk++)
        {
            if (offset + 4 > body.Length)
            {
                return RtcpParseResult.BadCount;
            }

            uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(body[offset..]);
            offset += 4;
            var items = new List<(byte, string)>();
            while (true)
            {
                if (offset >= body.Length)
                {
                    return RtcpParseResult.Malformed;
                }

                byte type = body[offset];
                if (type == 0)
                {
                    offset = (offset + 4) & ~3;
                    break;
                }

                if (offset + 2 > body.Length || offset + 2 + body[offset + 1] > body.Length)
                {
                    return RtcpParseResult.Malformed;
                }

                int length = body[offset + 1];
                items.Add((type, Encoding.UTF8.GetString(body.Slice(offset + 2, length))));
                offset += 2 + length;
            }

            chunks.Add((ssrc, items));
        }

        description = new RtcpSourceDescription { Chunks = chunks };
        consumed = header.PacketLength;
        return RtcpParseResult.Ok;
    }

    /// <inheritdoc/>
    public override int GetSize()
    {
        int size = RtcpHeader.Size;
        foreach ((uint _, IReadOnlyList<(byte Type, string Text)> items) in Chunks)
        {
            int chunk = 4;
            foreach ((byte _, string text) in items)
            {
                chunk += 2 + Math.Min(255, Encoding.UTF8.GetByteCount(text));
            }

            size += (chunk + 4) & ~3;
        }

        return size;
    }

    /// <inheritdoc/>
    public override bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        int size = GetSize();
        if (destination.Length < size || Chunks.Count > 31)
        {
            return false;
        }

        destination[..size].Clear();
        RtcpHeader.Write(destination, (byte)Chunks.Count, PacketType, size);
        int offset = RtcpHeader.Size;
        foreach ((uint ssrc, IReadOnlyList<(byte Type, string Text)> items) in Chunks)
        {
            int start = offset;
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], ssrc);
            offset += 4;
            foreach ((byte type, string text) in items)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(text);
                int length = Math.Min(255, bytes.Length);
                destination[offset] = type;
                destination[offset + 1] = (byte)length;
                bytes.AsSpan(0, length).CopyTo(destination[(offset + 2)..]);
                offset += 2 + length;
            }

            offset = start + ((offset - start + 4) & ~3);
        }

        written = size;
        return true;
    }
}
