using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SipCube.Srtp.Tests;

/// <summary>Protect with ours and unprotect with <see cref="ReferenceSrtp"/>, and the other way round.</summary>
public sealed class CrossCheckTests
{
    public static TheoryData<SrtpProfile> AllProfiles => [.. TestPackets.Profiles];

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Ours_to_reference_and_reference_to_ours_over_many_shapes(SrtpProfile profile)
    {
        var reference = new ReferenceSrtp(profile, TestPackets.MasterKey, TestPackets.Salt(profile));
        using SrtpContext sender = TestPackets.Context(profile);
        using SrtpContext receiver = TestPackets.Context(profile);
        for (int i = 0; i < 60; i++)
        {
            byte[] plain = TestPackets.Rtp((ushort)(i * 3), ssrc: 0x01020304, payload: i * 5 % 181, csrcs: i % 4, extension: i % 3 == 0);

            byte[] buffer = TestPackets.WithRoom(plain);
            Assert.True(sender.TryProtectRtp(buffer, plain.Length, out int written));
            Assert.Equal(plain, reference.UnprotectRtp(buffer[..written], 0));

            byte[] theirs = reference.ProtectRtp(plain, 0);
            Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(theirs, theirs.Length, out int length));
            Assert.Equal(plain, theirs[..length]);
        }
    }

    [Fact]
    public void Bcl_aes_fallback_gives_the_same_packets_as_aes_ni()
    {
        using var fast = new SrtpContext(SrtpProfile.Aes128CmHmacSha1_80, TestPackets.MasterKey, TestPackets.MasterSalt14, allowIntrinsics: true);
        using var slow = new SrtpContext(SrtpProfile.Aes128CmHmacSha1_80, TestPackets.MasterKey, TestPackets.MasterSalt14, allowIntrinsics: false);
        for (int payload = 0; payload < 300; payload += 17)
        {
            byte[] a = TestPackets.WithRoom(TestPackets.Rtp((ushort)payload, payload: payload));
            byte[] b = (byte[])a.Clone();
            Assert.True(fast.TryProtectRtp(a, a.Length - 32, out int n1));
            Assert.True(slow.TryProtectRtp(b, b.Length - 32, out int n2));
            Assert.Equal(a[..n1], b[..n2]);
        }
    }

    [Property(MaxTest = 200)]
    public Property Random_payloads_round_trip_through_the_reference(byte[] payload, ushort sequence, uint ssrc)
    {
        byte[] plain = TestPackets.Rtp(sequence, ssrc, payload.Length);
        payload.CopyTo(plain, 12);
        var reference = new ReferenceSrtp(SrtpProfile.Aes128CmHmacSha1_80, TestPackets.MasterKey, TestPackets.MasterSalt14);
        using SrtpContext sender = TestPackets.Context(SrtpProfile.Aes128CmHmacSha1_80);
        byte[] buffer = TestPackets.WithRoom(plain);
        bool ok = sender.TryProtectRtp(buffer, plain.Length, out int written);
        return (ok && reference.UnprotectRtp(buffer[..written], 0)!.AsSpan().SequenceEqual(plain)).ToProperty();
    }
}
