using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace SipCube.Stun;

/// <summary>Encodes and decodes the XOR-MAPPED-ADDRESS value (IPv4 and IPv6).</summary>
/// <remarks>RFC 8489 §14.2: the port is XORed with the top 16 bits of the magic cookie, an IPv4 address with
/// the cookie, an IPv6 address with the cookie followed by the transaction ID.</remarks>
public static class XorMappedAddress
{
    /// <summary>Value size for an IPv4 address.</summary>
    public const int IPv4Size = 8;

    /// <summary>Value size for an IPv6 address.</summary>
    public const int IPv6Size = 20;

    /// <summary>Decodes a value; false when the family or length is wrong.</summary>
    public static bool TryRead(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId, out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (value.Length < 4 || transactionId.Length != StunConstants.TransactionIdSize)
        {
            return false;
        }

        var family = value[1];
        var port = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(value[2..]) ^ (StunConstants.MagicCookie >> 16));
        Span<byte> address = stackalloc byte[16];
        var size = family switch { 1 => 4, 2 => 16, _ => 0 };
        if (size == 0 || value.Length != 4 + size)
        {
            return false;
        }

        Span<byte> mask = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunConstants.MagicCookie);
        transactionId.CopyTo(mask[4..]);
        for (var i = 0; i < size; i++)
        {
            address[i] = (byte)(value[4 + i] ^ mask[i]);
        }

        endPoint = new IPEndPoint(new IPAddress(address[..size]), port);
        return true;
    }

    /// <summary>Size of the encoded value for <paramref name="address"/>.</summary>
    public static int GetSize(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? IPv6Size : IPv4Size;

    /// <summary>Writes the value into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, IPAddress address, int port, ReadOnlySpan<byte> transactionId)
    {
        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var size = v6 ? 16 : 4;
        destination[0] = 0;
        destination[1] = (byte)(v6 ? 2 : 1);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(port ^ (int)(StunConstants.MagicCookie >> 16)));
        if (!address.TryWriteBytes(destination.Slice(4, size), out _))
        {
            throw new ArgumentException("address does not fit", nameof(address));
        }

        Span<byte> mask = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunConstants.MagicCookie);
        transactionId.CopyTo(mask[4..]);
        for (var i = 0; i < size; i++)
        {
            destination[4 + i] ^= mask[i];
        }

        return 4 + size;
    }
}
