namespace SipCube.Rtp.Rtcp;

/// <summary>One packet of a compound RTCP packet. Subclasses follow the binary contract: a static
/// <c>TryParse(span, out T, out consumed)</c>, <see cref="GetSize"/> and <see cref="TryWrite"/>.</summary>
/// <remarks>RFC 3550 §6.1</remarks>
public abstract class RtcpPacket
{
    /// <summary>The packet type byte.</summary>
    public abstract RtcpPacketType PacketType { get; }

    /// <summary>Bytes <see cref="TryWrite"/> needs (a multiple of 4).</summary>
    public abstract int GetSize();

    /// <summary>Serializes the packet with its header.</summary>
    public abstract bool TryWrite(Span<byte> destination, out int written);
}
