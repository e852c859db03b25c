namespace SipCube.Srtp.Tests;

/// <summary>Round trips, tampering, replay, rollover and long-hold continuity of <see cref="SrtpContext"/>.</summary>
public sealed class SrtpContextTests
{
    public static TheoryData<SrtpProfile> AllProfiles => [.. TestPackets.Profiles];

    private static byte[] Protect(SrtpContext sender, byte[] plain)
    {
        byte[] buffer = TestPackets.WithRoom(plain);
        Assert.True(sender.TryProtectRtp(buffer, plain.Length, out int written));
        Assert.Equal(plain.Length + SrtpProfiles.RtpOverhead(sender.Profile), written);
        return buffer[..written];
    }

    private static SrtpResult Unprotect(SrtpContext receiver, byte[] packet, out byte[] plain)
    {
        byte[] buffer = (byte[])packet.Clone();
        SrtpResult result = receiver.UnprotectRtp(buffer, buffer.Length, out int length);
        plain = buffer[..length];
        return result;
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Rtp_round_trips_with_csrcs_and_extension(SrtpProfile profile)
    {
        using SrtpContext sender = TestPackets.Context(profile);
        using SrtpContext receiver = TestPackets.Context(profile);
        byte[] plain = TestPackets.Rtp(1000, csrcs: 2, extension: true, payload: 37);

        byte[] wire = Protect(sender, plain);
        Assert.Equal(plain[..28], wire[..28]);
        Assert.NotEqual(plain[28..], wire[28..plain.Length]);
        Assert.Equal(SrtpResult.Ok, Unprotect(receiver, wire, out byte[] back));
        Assert.Equal(plain, back);
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Flipping_any_bit_fails_authentication(SrtpProfile profile)
    {
        using SrtpContext sender = TestPackets.Context(profile);
        byte[] wire = Protect(sender, TestPackets.Rtp(5, payload: 20));
        for (int bit = 0; bit < wire.Length * 8; bit += 7)
        {
            using SrtpContext receiver = TestPackets.Context(profile);
            byte[] tampered = (byte[])wire.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            SrtpResult result = Unprotect(receiver, tampered, out _);
            Assert.NotEqual(SrtpResult.Ok, result);
        }
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Duplicate_is_rejected_and_late_packet_within_window_is_accepted(SrtpProfile profile)
    {
        using SrtpContext sender = TestPackets.Context(profile);
        using SrtpContext receiver = TestPackets.Context(profile);
        byte[][] wire = [.. Enumerable.Range(0, 200).Select(i => Protect(sender, TestPackets.Rtp((ushort)(100 + i))))];

        Assert.Equal(SrtpResult.Ok, Unprotect(receiver, wire[199], out _));
        Assert.Equal(SrtpResult.ReplayDetected, Unprotect(receiver, wire[199], out _));
        Assert.Equal(SrtpResult.Ok, Unprotect(receiver, wire[199 - 100], out _));
        Assert.Equal(SrtpResult.ReplayDetected, Unprotect(receiver, wire[199 - 100], out _));
        Assert.Equal(SrtpResult.Ok, Unprotect(receiver, wire[199 - 127], out _));
        Assert.Equal(SrtpResult.ReplayDetected, Unprotect(receiver, wire[199 - 128], out _));
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Failed_authentication_does_not_advance_the_window(SrtpProfile profile)
    {
        using SrtpContext sender = TestPackets.Context(profile);
        using SrtpContext receiver = TestPackets.Context(profile);
        byte[] first = Protect(sender, TestPackets.Rtp(10));
        byte[] second = Protect(sender, TestPackets.Rtp(11));
        byte[] forged = (byte[])second.Clone();
        forged[^1] ^= 0xFF;

        Assert.Equal(SrtpResult.AuthenticationFailed, Unprotect(receiver, forged, out _));
        Assert.Equal(SrtpResult.Ok, Unprotect(receiver, second, out _));
        Assert.Equal(SrtpResult.Ok, Unprotect(receiver, first, out _));
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Sequence_wrap_increments_the_rollover_counter_on_both_sides(SrtpProfile profile)
    {
        using SrtpContext sender = TestPackets.Context(profile);
        using SrtpContext receiver = TestPackets.Context(profile);
        var reference = new ReferenceSrtp(profile, TestPackets.MasterKey, TestPackets.Salt(profile));
        byte[]? late = null;
        for (int i = 65530; i < 65536 + 6; i++)
        {
            byte[] plain = TestPackets.Rtp((ushort)i);
            byte[] wire = Protect(sender, plain);
            Assert.Equal(reference.ProtectRtp(plain, (uint)(i >> 16)), wire);
            if (i == 65535)
            {
                late = wire;
                continue;
            }

            Assert.Equal(SrtpResult.Ok, Unprotect(receiver, wire, out byte[] back));
            Assert.Equal(plain, back);
        }

        Assert.Equal(1u, receiver.RolloverCounter(0xDEADBEEF));
        Assert.Equal(1u, sender.RolloverCounter(0xDEADBEEF));

        // The packet from before the wrap, arriving late, is read with ROC - 1 (RFC 3711 §3.3.1).
        Assert.Equal(SrtpResult.Ok, Unprotect(receiver, late!, out _));
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Resume_after_long_hold_with_a_large_forward_jump_is_not_a_false_replay(SrtpProfile profile)
    {
        using SrtpContext sender = TestPackets.Context(profile);
        using SrtpContext receiver = TestPackets.Context(profile);
        Assert.Equal(SrtpResult.Ok, Unprotect(receiver, Protect(sender, TestPackets.Rtp(1000)), out _));

        // A jump of more than 2^15 with ROC 0: the RFC guess (ROC - 1) does not exist, so it is a jump ahead.
        Assert.Equal(SrtpResult.Ok, Unprotect(receiver, Protect(sender, TestPackets.Rtp(40000)), out _));
        Assert.Equal(0u, receiver.RolloverCounter(0xDEADBEEF));
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Resume_after_long_hold_in_a_later_roll_is_recovered_through_the_authenticated_roc(SrtpProfile profile)
    {
        var reference = new ReferenceSrtp(profile, TestPackets.MasterKey, TestPackets.Salt(profile));
        using SrtpContext receiver = TestPackets.Context(profile);

        // Stream already in roll 3 at s_l = 1000, then the sender resumes at 40000 in the same roll.
        receiver.SetRtpIndex(0xDEADBEEF, (3UL << 16) | 999);
        Assert.Equal(SrtpResult.Ok, Unprotect(receiver, reference.ProtectRtp(TestPackets.Rtp(1000), 3), out _));
        byte[] resumed = TestPackets.Rtp(40000);
        Assert.Equal(SrtpResult.Ok, Unprotect(receiver, reference.ProtectRtp(resumed, 3), out byte[] back));
        Assert.Equal(resumed, back);
        Assert.Equal(SrtpResult.Ok, Unprotect(receiver, reference.ProtectRtp(TestPackets.Rtp(40001), 3), out _));

        // A genuine old packet far behind the window stays a replay: the forward reading does not authenticate.
        Assert.Equal(SrtpResult.ReplayDetected, Unprotect(receiver, reference.ProtectRtp(TestPackets.Rtp(39000), 3), out _));
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Independent_ssrcs_keep_independent_state(SrtpProfile profile)
    {
        using SrtpContext sender = TestPackets.Context(profile);
        using SrtpContext receiver = TestPackets.Context(profile);
        byte[] audio = Protect(sender, TestPackets.Rtp(7, ssrc: 1));
        byte[] video = Protect(sender, TestPackets.Rtp(7, ssrc: 2));

        Assert.Equal(SrtpResult.Ok, Unprotect(receiver, audio, out _));
        Assert.Equal(SrtpResult.Ok, Unprotect(receiver, video, out _));
        Assert.Equal(2, receiver.StreamCount);
    }

    [Fact]
    public void Unauthenticated_packets_create_no_stream_state()
    {
        using SrtpContext receiver = TestPackets.Context(SrtpProfile.Aes128CmHmacSha1_80);
        for (uint ssrc = 0; ssrc < 100; ssrc++)
        {
            byte[] junk = TestPackets.Rtp(1, ssrc: ssrc, payload: 40);
            Assert.Equal(SrtpResult.AuthenticationFailed, receiver.UnprotectRtp(junk, junk.Length, out _));
        }

        Assert.Equal(0, receiver.StreamCount);
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Short_and_malformed_packets_are_reported_not_thrown(SrtpProfile profile)
    {
        using SrtpContext receiver = TestPackets.Context(profile);
        int tag = SrtpProfiles.RtpOverhead(profile);
        byte[] buffer = new byte[64];
        Assert.Equal(SrtpResult.TooShort, receiver.UnprotectRtp(buffer, 12 + tag - 1, out _));

        buffer[0] = 0x40;
        Assert.Equal(SrtpResult.Malformed, receiver.UnprotectRtp(buffer, 40, out _));

        buffer[0] = 0x8F;
        Assert.Equal(SrtpResult.Malformed, receiver.UnprotectRtp(buffer, 40, out _));

        buffer[0] = 0x90;
        buffer[14] = 0xFF;
        Assert.Equal(SrtpResult.Malformed, receiver.UnprotectRtp(buffer, 40, out _));

        Assert.Equal(SrtpResult.TooShort, receiver.UnprotectRtp(buffer, 65, out _));
    }

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Protect_refuses_a_buffer_without_room_for_the_tag(SrtpProfile profile)
    {
        using SrtpContext sender = TestPackets.Context(profile);
        byte[] plain = TestPackets.Rtp(1);
        Assert.False(sender.TryProtectRtp(plain, plain.Length, out _));
        Assert.False(sender.TryProtectRtp(new byte[40], 11, out _));
    }

    [Fact]
    public void Wrong_key_or_salt_length_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SrtpContext(SrtpProfile.AeadAes128Gcm, TestPackets.MasterKey, TestPackets.MasterSalt14));
        Assert.Throws<ArgumentException>(() => new SrtpContext(SrtpProfile.Aes128CmHmacSha1_80, new byte[15], TestPackets.MasterSalt14));
    }
}
