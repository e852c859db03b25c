using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace SipCube.Srtp.Tests;

/// <summary>Random bytes never throw and never authenticate.</summary>
public sealed class FuzzTests
{
    [Property(MaxTest = 500)]
    public Property Random_bytes_are_rejected_by_unprotect(byte[] bytes, int profileChoice)
    {
        SrtpProfile profile = TestPackets.Profiles[(profileChoice & 0x7FFFFFFF) % 3];
        using SrtpContext context = TestPackets.Context(profile);
        byte[] rtp = (byte[])bytes.Clone();
        byte[] rtcp = (byte[])bytes.Clone();
        SrtpResult a = context.UnprotectRtp(rtp, rtp.Length, out _);
        SrtpResult b = context.UnprotectRtcp(rtcp, rtcp.Length, out _);
        return (a != SrtpResult.Ok && b != SrtpResult.Ok).ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property Every_prefix_of_a_valid_packet_is_rejected(ushort sequence, int profileChoice)
    {
        SrtpProfile profile = TestPackets.Profiles[(profileChoice & 0x7FFFFFFF) % 3];
        using SrtpContext sender = TestPackets.Context(profile);
        byte[] buffer = TestPackets.WithRoom(TestPackets.Rtp(sequence, payload: 20, csrcs: 1, extension: true));
        sender.TryProtectRtp(buffer, buffer.Length - 32, out int written);
        bool allRejected = true;
        for (int length = 0; length < written; length++)
        {
            using SrtpContext receiver = TestPackets.Context(profile);
            byte[] copy = buffer[..length];
            allRejected &= receiver.UnprotectRtp(copy, copy.Length, out _) != SrtpResult.Ok;
        }

        return allRejected.ToProperty();
    }
}
