using System.Buffers.Binary;
using System.Net;
using SipCube.Dtls;
using SipCube.Sdp;
using SipCube.Testing;
using Xunit.Abstractions;

namespace SipCube.WebRtc.Tests;

/// <summary>
/// Headless Chromium sends audio and VP8 from its fake camera to our endpoint, BUNDLEd on one port; our side
/// loops every packet back under its own SSRC of the same kind, and answers the page's picture-loss feedback
/// (PLI, FIR: RFC 4585 §6.3.1, RFC 5104 §4.3.1) for our looped video by asking the page's camera sender for a
/// key frame with a PLI of its own. The page must decode looped video frames.
/// </summary>
public class ChromiumVideoTests(ITestOutputHelper output)
{
    private static readonly DtlsCertificate Certificate = DtlsCertificate.Generate(TimeProvider.System);

    [SkippableTheory]
    [InlineData("chrome-offers")]
    [InlineData("we-offer")]
    [Trait("Category", "Interop")]
    public async Task Chromium_video_loops_back_through_our_endpoint_and_is_decoded(string mode)
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("node");
        using var pc = WebRtcPeerConnection.Create(new WebRtcOptions
        {
            BindAddress = IPAddress.Loopback,
            Certificate = Certificate,
            AudioCodecs = [WebRtcCodec.Opus],
            VideoCodecs = [WebRtcCodec.Vp8],
            AnswerSetup = SdpSetup.Active,
        });
        var loop = new VideoLoop(pc);
        using var signal = new SignalServer(pc);
        var script = Path.Combine(RepositoryPaths.Tests, "SipCube.WebRtc.Tests", "browser", "webrtc-call.mjs");

        var result = await NodePeer.RunAsync(script, TimeSpan.FromSeconds(55), signal.Url, mode, "audio/opus", "video");

        output.WriteLine($"{mode}: handshake {pc.DtlsHandshakeDuration?.TotalMilliseconds:F1} ms, rx audio {loop.AudioPackets} video {loop.VideoPackets}, " +
            $"PLI/FIR from page {loop.PictureLossRequests}, PLIs we sent {loop.PlisSent}");
        output.WriteLine(result.ToString());
        Assert.Equal(2, pc.Media.Count);
        Assert.Equal(0, pc.DecryptFailures);
        Assert.True(loop.VideoPackets >= 30, $"we received {loop.VideoPackets} video packets");
        Assert.True(loop.AudioPackets >= 30, $"we received {loop.AudioPackets} audio packets");
        Assert.Equal(loop.PictureLossRequests, loop.PlisSent);

        var video = result.GetProperty("videoInbound");
        Assert.Equal("video/VP8", video.GetProperty("codec").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.True(video.GetProperty("packetsReceived").GetInt32() > 0, "page received no looped video");
        Assert.True(video.GetProperty("framesDecoded").GetInt32() > 0, "page decoded no looped video frame");
        Assert.True(result.GetProperty("inbound").GetProperty("packetsReceived").GetInt32() > 0, "page received no looped audio");

        // The page's camera sender counts the PLIs it got, and only we send any (some may land after its snapshot).
        Assert.InRange(result.GetProperty("videoOutbound").GetProperty("pliCount").GetInt32(), 0, loop.PlisSent);
    }

    /// <summary>Our side of the test: echo per kind, and turn picture-loss requests into a PLI toward the page.</summary>
    private sealed class VideoLoop
    {
        private readonly WebRtcPeerConnection pc;
        private readonly byte[] echo = new byte[2048];
        private readonly byte[] feedback = new byte[64];
        private uint pageVideoSsrc;
        private int audioPackets;
        private int videoPackets;
        private int pictureLossRequests;
        private int plisSent;

        public VideoLoop(WebRtcPeerConnection pc)
        {
            this.pc = pc;
            pc.RtpReceived = OnRtp;
            pc.RtcpReceived = OnRtcp;
        }

        public int AudioPackets => Volatile.Read(ref audioPackets);

        public int VideoPackets => Volatile.Read(ref videoPackets);

        public int PictureLossRequests => Volatile.Read(ref pictureLossRequests);

        public int PlisSent => Volatile.Read(ref plisSent);

        private LocalMedia? MediaOf(int payloadType) =>
            pc.Media.FirstOrDefault(m => m.Codecs.Any(c => c.PayloadType == payloadType));

        private void OnRtp(ReadOnlySpan<byte> packet)
        {
            if (MediaOf(packet[1] & 0x7F) is not { } media)
            {
                return;
            }

            if (media.Kind == "video")
            {
                Volatile.Write(ref pageVideoSsrc, BinaryPrimitives.ReadUInt32BigEndian(packet[8..]));
                Interlocked.Increment(ref videoPackets);
            }
            else
            {
                Interlocked.Increment(ref audioPackets);
            }

            packet.CopyTo(echo);
            BinaryPrimitives.WriteUInt32BigEndian(echo.AsSpan(8), media.Ssrc);
            pc.SendRtp(echo, packet.Length);
        }

        /// <summary>PSFB (PT 206) with FMT 1 (PLI) or 4 (FIR) naming our video SSRC, anywhere in the compound.</summary>
        private void OnRtcp(ReadOnlySpan<byte> compound)
        {
            uint ourVideo = pc.Media.First(m => m.Kind == "video").Ssrc;
            for (int offset = 0; offset + 12 <= compound.Length;)
            {
                int length = (BinaryPrimitives.ReadUInt16BigEndian(compound[(offset + 2)..]) + 1) * 4;
                int format = compound[offset] & 0x1F;
                bool pictureLoss = compound[offset + 1] == 206 && (
                    (format == 1 && BinaryPrimitives.ReadUInt32BigEndian(compound[(offset + 8)..]) == ourVideo) ||
                    (format == 4 && offset + 20 <= compound.Length && BinaryPrimitives.ReadUInt32BigEndian(compound[(offset + 12)..]) == ourVideo));
                if (pictureLoss && Volatile.Read(ref pageVideoSsrc) is var page and not 0)
                {
                    Interlocked.Increment(ref pictureLossRequests);
                    feedback[0] = 0x81;
                    feedback[1] = 206;
                    BinaryPrimitives.WriteUInt16BigEndian(feedback.AsSpan(2), 2);
                    BinaryPrimitives.WriteUInt32BigEndian(feedback.AsSpan(4), ourVideo);
                    BinaryPrimitives.WriteUInt32BigEndian(feedback.AsSpan(8), page);
                    if (pc.SendRtcp(feedback, 12))
                    {
                        Interlocked.Increment(ref plisSent);
                    }
                }

                offset += length;
            }
        }
    }
}
