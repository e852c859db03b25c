using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SipCube.Srtp.Tests;

/// <summary>
/// A deliberately plain, allocation-heavy SRTP written straight from RFC 3711 §4 and RFC 7714 §8-§10 with
/// BCL one-shot calls (AES-ECB, HMACSHA1.HashData, AesGcm), to cross-check the optimized context.
/// It shares no code with SipCube.Srtp. The ROC and SRTCP index are given explicitly.
/// </summary>
internal sealed class ReferenceSrtp
{
    private readonly SrtpProfile profile;

    public ReferenceSrtp(SrtpProfile profile, byte[] masterKey, byte[] masterSalt)
    {
        this.profile = profile;
        bool gcm = profile == SrtpProfile.AeadAes128Gcm;
        int saltLength = gcm ? 12 : 14;

        // RFC 7714 erratum 4938: a 96-bit salt is multiplied by 2^16 before the AES-CM PRF.
        byte[] salt14 = new byte[14];
        masterSalt.CopyTo(salt14, 0);
        RtpKey = Prf(masterKey, salt14, 0, 16);
        RtpAuthKey = Prf(masterKey, salt14, 1, 20);
        RtpSalt = Prf(masterKey, salt14, 2, saltLength);
        RtcpKey = Prf(masterKey, salt14, 3, 16);
        RtcpAuthKey = Prf(masterKey, salt14, 4, 20);
        RtcpSalt = Prf(masterKey, salt14, 5, saltLength);
    }

    public byte[] RtpKey { get; }

    public byte[] RtpAuthKey { get; }

    public byte[] RtpSalt { get; }

    public byte[] RtcpKey { get; }

    public byte[] RtcpAuthKey { get; }

    public byte[] RtcpSalt { get; }

    private int RtpTag => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_32 => 4,
        SrtpProfile.Aes128CmHmacSha1_80 => 10,
        _ => 16,
    };

    public byte[] ProtectRtp(byte[] plain, uint roc)
    {
        int header = HeaderLength(plain);
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(plain.AsSpan(8));
        ushort seq = BinaryPrimitives.ReadUInt16BigEndian(plain.AsSpan(2));
        if (profile == SrtpProfile.AeadAes128Gcm)
        {
            byte[] nonce = new byte[12];
            BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(2), ssrc);
            BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(6), roc);
            BinaryPrimitives.WriteUInt16BigEndian(nonce.AsSpan(10), seq);
            Xor(nonce, RtpSalt);
            byte[] output = new byte[plain.Length + 16];
            plain.AsSpan(0, header).CopyTo(output);
            using var gcm = new AesGcm(RtpKey, 16);
            gcm.Encrypt(nonce, plain.AsSpan(header), output.AsSpan(header, plain.Length - header), output.AsSpan(plain.Length), plain.AsSpan(0, header));
            return output;
        }

        byte[] packet = (byte[])plain.Clone();
        ulong index = ((ulong)roc << 16) | seq;
        Ctr(RtpKey, CmIv(RtpSalt, ssrc, index), packet.AsSpan(header));
        byte[] mac = HMACSHA1.HashData(RtpAuthKey, (byte[])[.. packet, .. BigEndian(roc)]);
        return [.. packet, .. mac.AsSpan(0, RtpTag)];
    }

    public byte[]? UnprotectRtp(byte[] packet, uint roc)
    {
        byte[] body = packet[..^RtpTag];
        int header = HeaderLength(body);
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(8));
        ushort seq = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2));
        if (profile == SrtpProfile.AeadAes128Gcm)
        {
            byte[] nonce = new byte[12];
            BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(2), ssrc);
            BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(6), roc);
            BinaryPrimitives.WriteUInt16BigEndian(nonce.AsSpan(10), seq);
            Xor(nonce, RtpSalt);
            byte[] output = (byte[])body.Clone();
            using var gcm = new AesGcm(RtpKey, 16);
            try
            {
                gcm.Decrypt(nonce, body.AsSpan(header), packet.AsSpan(packet.Length - 16), output.AsSpan(header), body.AsSpan(0, header));
            }
            catch (AuthenticationTagMismatchException)
            {
                return null;
            }

            return output;
        }

        byte[] mac = HMACSHA1.HashData(RtpAuthKey, (byte[])[.. body, .. BigEndian(roc)]);
        if (!mac.AsSpan(0, RtpTag).SequenceEqual(packet.AsSpan(body.Length)))
        {
            return null;
        }

        Ctr(RtpKey, CmIv(RtpSalt, ssrc, ((ulong)roc << 16) | seq), body.AsSpan(header));
        return body;
    }

    public byte[] ProtectRtcp(byte[] plain, uint index)
    {
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(plain.AsSpan(4));
        byte[] word = BigEndian(0x8000_0000u | index);
        if (profile == SrtpProfile.AeadAes128Gcm)
        {
            byte[] nonce = new byte[12];
            BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(2), ssrc);
            BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), index);
            Xor(nonce, RtcpSalt);
            byte[] cipher = new byte[plain.Length - 8];
            byte[] tag = new byte[16];
            using var gcm = new AesGcm(RtcpKey, 16);
            gcm.Encrypt(nonce, plain.AsSpan(8), cipher, tag, [.. plain.AsSpan(0, 8), .. word]);
            return [.. plain.AsSpan(0, 8), .. cipher, .. tag, .. word];
        }

        byte[] packet = (byte[])plain.Clone();
        Ctr(RtcpKey, CmIv(RtcpSalt, ssrc, index), packet.AsSpan(8));
        byte[] authenticated = [.. packet, .. word];
        return [.. authenticated, .. HMACSHA1.HashData(RtcpAuthKey, authenticated).AsSpan(0, 10)];
    }

    private static byte[] Prf(byte[] masterKey, byte[] salt14, byte label, int length)
    {
        byte[] iv = new byte[16];
        salt14.CopyTo(iv, 0);
        iv[7] ^= label;
        byte[] output = new byte[length];
        Ctr(masterKey, iv, output);
        return output;
    }

    private static byte[] CmIv(byte[] salt, uint ssrc, ulong index)
    {
        byte[] iv = new byte[16];
        salt.CopyTo(iv, 0);
        byte[] ssrcBytes = BigEndian(ssrc);
        for (int i = 0; i < 4; i++)
        {
            iv[4 + i] ^= ssrcBytes[i];
        }

        for (int i = 0; i < 6; i++)
        {
            iv[13 - i] ^= (byte)(index >> (8 * i));
        }

        return iv;
    }

    private static void Ctr(byte[] key, byte[] iv, Span<byte> data)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        for (int block = 0; block * 16 < data.Length; block++)
        {
            byte[] counter = (byte[])iv.Clone();
            int carry = block;
            for (int i = 15; i >= 0 && carry != 0; i--)
            {
                int sum = counter[i] + (carry & 0xFF);
                counter[i] = (byte)sum;
                carry = (carry >> 8) + (sum >> 8);
            }

            byte[] keystream = aes.EncryptEcb(counter, PaddingMode.None);
            for (int i = 0; i < 16 && (block * 16) + i < data.Length; i++)
            {
                data[(block * 16) + i] ^= keystream[i];
            }
        }
    }

    private static int HeaderLength(byte[] packet)
    {
        int length = 12 + (4 * (packet[0] & 0x0F));
        if ((packet[0] & 0x10) != 0)
        {
            length += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(length + 2)));
        }

        return length;
    }

    private static byte[] BigEndian(uint value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static void Xor(byte[] target, byte[] salt)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] ^= salt[i];
        }
    }
}
