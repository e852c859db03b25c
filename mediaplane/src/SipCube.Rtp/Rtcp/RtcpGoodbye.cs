using System.Buffers.Binary;
using System.Text;

namespace SipCube.Rtp.Rtcp;

/// <summary>BYE: the sources leaving, with an optional reason.</summary>
/// <remarks>RFC 3550 §6.6</remarks>
public sealed class RtcpGoodbye : RtcpPacket
{
    /// <summary>Sources leaving (at most 31).</summary>
    public IReadOnlyList<uint> Sources { get; init; } = [];

    /// <summary>Reason for leaving, or null.</summary>
    public string? Reason { get; init; }

    /// <inheritdoc/>
    public override RtcpPacketType PacketType => RtcpPacketType.Goodbye;

    /// <summary>Parses one BYE (header included).</summary>
    public static RtcpParseResult TryParse(ReadOnlySpan<byte> data, out RtcpGoodbye? goodbye, out int consumed)
    {
        goodbye = null;
        consumed = 0;
        RtcpParseResult result = RtcpHeader.TryParse(data, out RtcpHeader header, out _);
        if (result != RtcpParseResult.Ok)
        {
            return result;
        }

        ReadOnlySpan<byte> body = data[RtcpHeader.Size..header.PacketLength];
        if (body.Length < 4 * header.Count)
        {
            return RtcpParseResult.BadCount;
        }

        uint[] sources = new uint[header.Count];
        for (int i = 0; i < sources.Length; i++)
        {
            sources[i] = BinaryPrimitives.ReadUInt32BigEndian(body[(4 * i)..]);
        }

        string? reason = null;
        int offset = 4 * header.Count;
        if (offset < body.Length)
        {
            int length = body[offset];
            if (offset + 1 + length > body.Length)
            {
                return RtcpParseResult.Malformed;
            }

            reason = Encoding.UTF8.GetString(body.Slice(offset + 1, length));
        }

        goodbye = new RtcpGoodbye { Sources = sources, Reason = reason };
        consumed = header.PacketLength;
        return RtcpParseResult.Ok;
    }

    /// <inheritdoc/>
    public override int GetSize()
    {
        int size = RtcpHeader.Size + (4 * Sources.Count);
        if (Reason is not null)
        {
            size += (1 + Math.Min(255, Encoding.UTF8.GetByteCount(Reason)) + 3) & ~3;
        }

        return size;
    }

    /// <inheritdoc/>
    public override bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        int size = GetSize();
        if (destination.Length < size || Sources.Count > 31)
        {
            return false;
        }

        destination[..size].Clear();
        RtcpHeader.Write(destination, (byte)Sources.Count, PacketType, size);
        int offset = RtcpHeader.Size;
        foreach (uint source in Sources)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], source);
            offset += 4;
        }

        if (Reason is not null)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(Reason);
            int length = Math.Min(255, bytes.Length);
            destination[offset] = (byte)length;
            bytes.AsSpan(0, length).CopyTo(destination[(offset + 1)..]);
        }

        written = size;
        return true;
    }
}
