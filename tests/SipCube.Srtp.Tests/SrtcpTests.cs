using System.Buffers.Binary;

namespace SipCube.Srtp.Tests;

/// <summary>SRTCP: index and E flag, replay, tampering, cross-check (RFC 3711 §3.4, RFC 7714 §10).</summary>
public sealed class SrtcpTests
{
    public static TheoryData<SrtpProfile> AllProfiles => [.. TestPackets.Profiles];

    private static byte[] Protect(SrtpContext sender, byte[] plain)
    {
        byte[] buffer = TestPackets.WithRoom(plain);
        Assert.True(sender.TryProtectRtcp(buffer, plain.Length, out int written));
        Assert.Equal(plain.Length + SrtpProfiles.RtcpOverhead(sender.Profile), written);
        return buffer[..written];
    }

    private static uint IndexWord(SrtpProfile profile, byte[] wire) => profile == SrtpProfile.AeadAes128Gcm
        ? BinaryPrimitives.ReadUInt32BigEndian(wire.AsSpan(wire.Length - 4))
        : BinaryPrimitives.ReadUInt32BigEndian(wire.AsSpan(wire.Length - 14));

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Index_counts_up_from_zero_with_the_E_flag_set(SrtpProfile profile)
    {
        using SrtpContext sender = TestPackets.Context(profile);
        for (uint i = 0; i < 3; i++)
        {
            Assert.Equal(0x8000_0000u | i, IndexWord(profile, Protect(sender, TestPackets.Rtcp())));
        }
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Index_wraps_at_31_bits(SrtpProfile profile)
    {
        using SrtpContext sender = TestPackets.Context(profile);
        sender.SetNextRtcpIndex(0xCAFEBABE, 0x7FFF_FFFF);
        Assert.Equal(0xFFFF_FFFFu, IndexWord(profile, Protect(sender, TestPackets.Rtcp())));
        Assert.Equal(0x8000_0000u, IndexWord(profile, Protect(sender, TestPackets.Rtcp())));
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Round_trip_matches_the_reference_and_replays_are_rejected(SrtpProfile profile)
    {
        using SrtpContext sender = TestPackets.Context(profile);
        using SrtpContext receiver = TestPackets.Context(profile);
        var reference = new ReferenceSrtp(profile, TestPackets.MasterKey, TestPackets.Salt(profile));
        byte[] plain = TestPackets.Rtcp();

        byte[] first = Protect(sender, plain);
        Assert.Equal(reference.ProtectRtcp(plain, 0), first);
        byte[] second = Protect(sender, plain);
        Assert.Equal(reference.ProtectRtcp(plain, 1), second);

        byte[] buffer = (byte[])second.Clone();
        Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtcp(buffer, buffer.Length, out int length));
        Assert.Equal(plain, buffer[..length]);
        buffer = (byte[])first.Clone();
        Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtcp(buffer, buffer.Length, out _));
        buffer = (byte[])first.Clone();
        Assert.Equal(SrtpResult.ReplayDetected, receiver.UnprotectRtcp(buffer, buffer.Length, out _));
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Tampering_fails_authentication(SrtpProfile profile)
    {
        using SrtpContext sender = TestPackets.Context(profile);
        byte[] wire = Protect(sender, TestPackets.Rtcp());
        for (int i = 0; i < wire.Length; i += 3)
        {
            using SrtpContext receiver = TestPackets.Context(profile);
            byte[] tampered = (byte[])wire.Clone();
            tampered[i] ^= 0x04;
            Assert.NotEqual(SrtpResult.Ok, receiver.UnprotectRtcp(tampered, tampered.Length, out _));
        }
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Short_or_non_v2_packets_are_reported(SrtpProfile profile)
    {
        using SrtpContext receiver = TestPackets.Context(profile);
        byte[] buffer = new byte[64];
        Assert.Equal(SrtpResult.TooShort, receiver.UnprotectRtcp(buffer, 8 + SrtpProfiles.RtcpOverhead(profile) - 1, out _));
        Assert.Equal(SrtpResult.Malformed, receiver.UnprotectRtcp(buffer, 40, out _));
        Assert.False(receiver.TryProtectRtcp(buffer, 7, out _));
        Assert.False(receiver.TryProtectRtcp(buffer, 40, out _));
    }
}
