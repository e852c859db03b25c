namespace SipCube.Srtp.Tests;

/// <summary>Protect and unprotect allocate nothing per packet once a stream exists (STYLE.md §5).</summary>
public sealed class AllocationTests
{
    public static TheoryData<SrtpProfile> AllProfiles => [.. TestPackets.Profiles];

    [Theory]
    [MemberData(nameof(AllProfiles))]
    public void Rtp_and_rtcp_paths_allocate_nothing_per_packet(SrtpProfile profile)
    {
        using SrtpContext sender = TestPackets.Context(profile);
        using SrtpContext receiver = TestPackets.Context(profile);
        byte[] rtp = TestPackets.WithRoom(TestPackets.Rtp(1));
        byte[] rtcp = TestPackets.WithRoom(TestPackets.Rtcp());
        int rtpLength = rtp.Length - 32;
        int rtcpLength = rtcp.Length - 32;

        int failures = RunOnce(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (ushort seq = 2; seq < 1002; seq++)
        {
            failures += RunOnce(seq);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);

        // No xunit asserts inside the measured loop: they box.
        int RunOnce(ushort seq)
        {
            rtp[2] = (byte)(seq >> 8);
            rtp[3] = (byte)seq;
            int failed = 0;
            failed += sender.TryProtectRtp(rtp, rtpLength, out int protectedRtp) ? 0 : 1;
            failed += receiver.UnprotectRtp(rtp, protectedRtp, out _) == SrtpResult.Ok ? 0 : 1;
            failed += sender.TryProtectRtcp(rtcp, rtcpLength, out int protectedRtcp) ? 0 : 1;
            failed += receiver.UnprotectRtcp(rtcp, protectedRtcp, out _) == SrtpResult.Ok ? 0 : 1;
            return failed;
        }
    }
}
