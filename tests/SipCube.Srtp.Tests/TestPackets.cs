using System.Buffers.Binary;

namespace SipCube.Srtp.Tests;

/// <summary>Builds plain RTP/RTCP packets for SRTP tests.</summary>
internal static class TestPackets
{
    public static readonly byte[] MasterKey = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139");
    public static readonly byte[] MasterSalt14 = Convert.FromHexString("0EC675AD498AFEEBB6960B3AABE6");
    public static readonly byte[] MasterSalt12 = Convert.FromHexString("0EC675AD498AFEEBB6960B3A");

    public static readonly SrtpProfile[] Profiles =
        [SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.Aes128CmHmacSha1_32, SrtpProfile.AeadAes128Gcm];

    public static byte[] Salt(SrtpProfile profile) => profile == SrtpProfile.AeadAes128Gcm ? MasterSalt12 : MasterSalt14;

    public static SrtpContext Context(SrtpProfile profile) => new(profile, MasterKey, Salt(profile));

    /// <summary>RTP with <paramref name="csrcs"/> CSRCs, an optional one-word extension, and a patterned payload.</summary>
    public static byte[] Rtp(ushort sequence, uint ssrc = 0xDEADBEEF, int payload = 160, int csrcs = 0, bool extension = false)
    {
        int header = 12 + (4 * csrcs) + (extension ? 8 : 0);
        byte[] packet = new byte[header + payload];
        packet[0] = (byte)(0x80 | (extension ? 0x10 : 0) | csrcs);
        packet[1] = 111;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence * 960u);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        for (int i = 0; i < csrcs; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12 + (4 * i)), 0x1000u + (uint)i);
        }

        if (extension)
        {
            int at = 12 + (4 * csrcs);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at), 0xBEDE);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at + 2), 1);
            packet[at + 4] = 0x10;
            packet[at + 5] = 0x7F;
        }

        for (int i = header; i < packet.Length; i++)
        {
            packet[i] = (byte)(i * 7);
        }

        return packet;
    }

    /// <summary>A receiver report with one report block plus a payload-free SDES-like tail (compound-ish).</summary>
    public static byte[] Rtcp(uint ssrc = 0xCAFEBABE)
    {
        byte[] packet = new byte[32];
        packet[0] = 0x81;
        packet[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 7);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ssrc);
        for (int i = 8; i < packet.Length; i++)
        {
            packet[i] = (byte)(i * 3);
        }

        return packet;
    }

    /// <summary>Copies <paramref name="packet"/> into a buffer with <paramref name="spare"/> bytes after it.</summary>
    public static byte[] WithRoom(byte[] packet, int spare = 32)
    {
        byte[] buffer = new byte[packet.Length + spare];
        packet.CopyTo(buffer, 0);
        return buffer;
    }
}
