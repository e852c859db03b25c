using BenchmarkDotNet.Attributes;
using SipCube.Srtp;

namespace SipCube.Benchmarks.Srtp;

/// <summary>SRTP protect/unprotect of a 172-byte RTP packet (12-byte header + 160-byte payload) per profile.</summary>
[MemoryDiagnoser]
[MinColumn]
public class SrtpBenchmark
{
    private const int PacketLength = 172;

    private static readonly byte[] MasterKey = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] MasterSalt = Convert.FromHexString("0EC675AD498AFEEBB6960B3AABE6");

    private readonly byte[] plain = new byte[PacketLength + 32];
    private readonly byte[] work = new byte[PacketLength + 32];
    private byte[] protectedPacket = [];
    private SrtpContext sender = null!;
    private SrtpContext receiver = null!;
    private ushort sequence;

    [Params(SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm)]
    public SrtpProfile Profile { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] salt = Profile == SrtpProfile.AeadAes128Gcm ? MasterSalt[..12] : MasterSalt;
        sender = new SrtpContext(Profile, MasterKey, salt);
        receiver = new SrtpContext(Profile, MasterKey, salt);
        plain[0] = 0x80;
        plain[1] = 0;
        plain[8] = 0x12;
        for (int i = 12; i < PacketLength; i++)
        {
            plain[i] = (byte)i;
        }

        plain.CopyTo(work, 0);
        work[3] = 1;
        sender.TryProtectRtp(work, PacketLength, out int length);
        protectedPacket = work[..length];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        sender.Dispose();
        receiver.Dispose();
    }

    [Benchmark]
    public int Protect()
    {
        plain.AsSpan(0, PacketLength).CopyTo(work);
        sequence++;
        work[2] = (byte)(sequence >> 8);
        work[3] = (byte)sequence;
        sender.TryProtectRtp(work, PacketLength, out int length);
        return length;
    }

    /// <summary>Unprotects the same packet (SEQ 1) each time; the replay window is reset to index 0 first so
    /// the full authenticate-and-decrypt path runs (the reset is one dictionary lookup).</summary>
    [Benchmark]
    public int Unprotect()
    {
        protectedPacket.CopyTo(work, 0);
        receiver.SetRtpIndex(0x12000000, 0);
        receiver.UnprotectRtp(work, protectedPacket.Length, out int length);
        return length;
    }
}
