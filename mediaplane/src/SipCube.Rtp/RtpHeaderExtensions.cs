namespace SipCube.Rtp;

/// <summary>
/// RFC 8285 header extension elements: one-byte form (profile 0xBEDE, ids 1-14, 1-16 bytes) and
/// two-byte form (profile 0x100x, ids 1-255, 0-255 bytes). Padding bytes (0) are skipped; id 15 in the
/// one-byte form stops parsing (§4.2).
/// </summary>
/// <remarks>RFC 8285 §4.2 and §4.3</remarks>
public static class RtpHeaderExtensions
{
    /// <summary>Profile of the one-byte form.</summary>
    public const ushort OneByteProfile = 0xBEDE;

    /// <summary>Profile of the two-byte form (low 4 bits are app bits).</summary>
    public const ushort TwoByteProfile = 0x1000;

    /// <summary>True when the profile is an RFC 8285 form.</summary>
    public static bool IsRfc8285(ushort profile) => profile == OneByteProfile || (profile & 0xFFF0) == TwoByteProfile;

    /// <summary>Finds element <paramref name="id"/>; false when absent or the data is malformed.</summary>
    public static bool TryFind(ushort profile, ReadOnlySpan<byte> data, byte id, out ReadOnlySpan<byte> value)
    {
        var reader = new Enumerator(profile, data);
        while (reader.MoveNext())
        {
            if (reader.Id == id)
            {
                value = reader.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Appends one element in the one-byte form; <paramref name="written"/> bytes used.</summary>
    public static bool TryWriteOneByte(Span<byte> destination, byte id, ReadOnlySpan<byte> value, out int written)
    {
        written = 0;
        if (id is 0 or > 14 || value.Length is 0 or > 16 || destination.Length < 1 + value.Length)
        {
            return false;
        }

        destination[0] = (byte)((id << 4) | (value.Length - 1));
        value.CopyTo(destination[1..]);
        written = 1 + value.Length;
        return true;
    }

    /// <summary>Appends one element in the two-byte form.</summary>
    public static bool TryWriteTwoByte(Span<byte> destination, byte id, ReadOnlySpan<byte> value, out int written)
    {
        written = 0;
        if (id == 0 || value.Length > 255 || destination.Length < 2 + value.Length)
        {
            return false;
        }

        destination[0] = id;
        destination[1] = (byte)value.Length;
        value.CopyTo(destination[2..]);
        written = 2 + value.Length;
        return true;
    }

    /// <summary>Walks the elements; stops (<see cref="Malformed"/> set) at an element that overruns.</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<byte> data;
        private readonly bool oneByte;
        private readonly bool known;
        private int offset;

        /// <summary>Starts before the first element.</summary>
        public Enumerator(ushort profile, ReadOnlySpan<byte> data)
        {
            this.data = data;
            oneByte = profile == OneByteProfile;
            known = IsRfc8285(profile);
        }

        /// <summary>Element id.</summary>
        public byte Id { get; private set; }

        /// <summary>Element value.</summary>
        public ReadOnlySpan<byte> Value { get; private set; }

        /// <summary>True when enumeration stopped at an element running past the end.</summary>
        public bool Malformed { get; private set; }

        /// <summary>Advances to the next element.</summary>
        public bool MoveNext()
        {
            if (!known)
            {
                return false;
            }

            while (offset < data.Length && data[offset] == 0)
            {
                offset++;
            }

            if (offset >= data.Length)
            {
                return false;
            }

            int id;
            int length;
            int headerLength;
            if (oneByte)
            {
                id = data[offset] >> 4;
                length = (data[offset] & 0x0F) + 1;
                headerLength = 1;
                if (id == 15)
                {
                    return false;
                }
            }
            else
            {
                if (offset + 2 > data.Length)
                {
                    Malformed = true;
                    return false;
                }

                id = data[offset];
                length = data[offset + 1];
                headerLength = 2;
            }

            if (offset + headerLength + length > data.Length)
            {
                Malformed = true;
                return false;
            }

            Id = (byte)id;
            Value = data.Slice(offset + headerLength, length);
            offset += headerLength + length;
            return true;
        }
    }
}
