using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SipCube.Calls.Ports;
using SipCube.Codecs;
using SipCube.Media.Codecs;
using SipCube.Media.Transcoding;
using SipCube.Sdp;

namespace SipCube.Calls.Media.Tests;

/// <summary>Transcoded calls through a bridge between a UDP "phone" and a scripted WebRTC peer on 127.0.0.1.</summary>
public sealed class MediaBridgeTranscodingTests : BridgeHarness
{
    [SkippableFact]
    public async Task A_pcmu_phone_and_an_opus_only_browser_hear_each_others_tones()
    {
        Skip.IfNot(TranscodingRelay.CanTranscode("opus", 48000), "libopus.so.0 is not installed");
        await using var bridge = TestBridges.Create();
        var (offer, phoneTarget) = await ConnectAsync(bridge, "0 101", "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n", 111);
        var ssrc = uint.Parse(offer.Media[0].GetAttribute("ssrc")!.Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.NotNull(bridge.Transcoding);
        var phase = 0.0;
        ushort seq = 1;
        await SendUntilAsync(
            () =>
            {
                var frame = new byte[160];
                G711.EncodeMuLaw(ToneMath.Sine(1000, 8000, 160, ref phase), frame);
                Phone.SendTo(RtpPackets.Create(0, seq, 160u * seq++, 0x1234, frame), phoneTarget);
            },
            () => Browser.ReceivedRtp.Count >= 25);

        var atBrowser = Browser.ReceivedRtp.ToArray();
        Assert.All(atBrowser, p => Assert.Equal(111, RtpPackets.PayloadType(p)));
        Assert.All(atBrowser, p => Assert.Equal(ssrc, RtpPackets.Ssrc(p)));
        Assert.Equal(960u, Timestamp(atBrowser[2]) - Timestamp(atBrowser[1]));
        Assert.Equal((ushort)(RtpPackets.Sequence(atBrowser[1]) + 1), RtpPackets.Sequence(atBrowser[2]));
        using (var opus = OpusCodec.Create().Codec!)
        {
            var heard = ToneMath.DecodeAll(opus, atBrowser.Skip(5).Select(p => p[12..]));
            Assert.True(ToneMath.Power(heard, 48000, 1000) > 20 * ToneMath.Power(heard, 48000, 600), "the browser did not hear 1000 Hz");
        }

        using var encoder = OpusCodec.Create().Codec!;
        phase = 0;
        await SendUntilAsync(
            () =>
            {
                var payload = new byte[400];
                var n = encoder.Encode(ToneMath.Sine(600, 48000, 960, ref phase), payload);
                Browser.SendRtp(RtpPackets.Create(111, seq, 960u * seq++, 0xCAFE, payload.AsSpan(0, n)));
            },
            () => PhoneReceived.Count >= 25);
        var atPhone = PhoneReceived.ToArray();
        Assert.All(atPhone, p => Assert.Equal(0, RtpPackets.PayloadType(p)));
        Assert.Equal(160u, Timestamp(atPhone[2]) - Timestamp(atPhone[1]));
        var pcm = atPhone.Skip(5).SelectMany(p => Decode(p[12..])).ToArray();
        Assert.True(ToneMath.Power(pcm, 8000, 600) > 20 * ToneMath.Power(pcm, 8000, 1000), "the phone did not hear 600 Hz");

        var stats = bridge.GetStats();
        Assert.Equal("PCMU", stats.Sip.AudioCodec);
        Assert.Equal("opus", stats.App.AudioCodec);
        Assert.True(stats.Sip.PacketsReceived >= 25);
        Assert.True(stats.App.PacketsReceived >= 25);
        Assert.Equal(0, bridge.PeerConnection!.DecryptFailures);
    }

    [SkippableFact]
    public async Task A_g729_only_phone_is_offered_opus_and_transcoded()
    {
        Skip.IfNot(TranscodingRelay.CanTranscode("opus", 48000) && TranscodingRelay.CanTranscode("G729", 8000), "libopus or libbcg729 missing");
        await using var bridge = TestBridges.Create();
        var (offer, _) = await ConnectAsync(bridge, "18", "a=rtpmap:18 G729/8000\r\n", 111);

        Assert.Equal(["111"], offer.Media[0].Formats);
        Assert.Equal("G729", bridge.Transcoding!.SipCodec);
        Assert.Equal("G729", bridge.GetStats().Sip.AudioCodec);
    }

    [SkippableFact]
    public async Task An_opus_only_app_calling_a_pcmu_phone_is_answered_with_opus_and_transcoded()
    {
        Skip.IfNot(TranscodingRelay.CanTranscode("opus", 48000), "libopus.so.0 is not installed");
        await using var bridge = TestBridges.Create();
        var browserOffer = Browser.Offer("111 opus/48000/2", "110 telephone-event/48000");
        var phoneOffer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.App, browserOffer.ToString(), None));
        Assert.Equal(TestBridges.WithG729("111", "0", "8", "9", "18", "110", "101"), phoneOffer.Media[0].Formats);
        var phoneAnswer = $"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {PhoneEndPoint.Port} RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=rtcp-mux\r\n";

        var answer = SdpParser.Parse(await bridge.CompleteAsync(MediaSide.Sip, phoneAnswer, None));

        Assert.Equal(["111", "110"], answer.Media[0].Formats);
        Assert.Equal("PCMU", bridge.Transcoding!.SipCodec);
        Browser.TakeAnswer(answer);
        await ConnectBrowserAsync(bridge);
        var phoneTarget = new IPEndPoint(IPAddress.Loopback, phoneOffer.Media[0].Port);
        ushort seq = 1;
        await SendUntilAsync(() => Phone.SendTo(RtpPackets.Create(0, seq, 160u * seq++, 0x1234, new byte[160]), phoneTarget), () => Browser.ReceivedRtp.Count >= 3);
        Assert.Equal(111, RtpPackets.PayloadType(Browser.ReceivedRtp.First()));
    }

    [SkippableFact]
    public async Task Transcoding_a_packet_allocates_nothing_either_way()
    {
        Skip.IfNot(TranscodingRelay.CanTranscode("opus", 48000), "libopus.so.0 is not installed");
        await using var bridge = TestBridges.Create();
        var (_, phoneTarget) = await ConnectAsync(bridge, "0", "a=rtpmap:0 PCMU/8000\r\n", 111);
        await SendUntilAsync(() => Phone.SendTo(RtpPackets.Create(0, 1, 160, 0x1234, new byte[160]), phoneTarget), () => !Browser.ReceivedRtp.IsEmpty);
        using var encoder = OpusCodec.Create().Codec!;
        var opusPayload = new byte[400];
        var phase = 0.0;
        var opusLength = encoder.Encode(ToneMath.Sine(600, 48000, 960, ref phase), opusPayload);
        var plain = RtpPackets.Create(111, 0, 0, 0xCAFE, opusPayload.AsSpan(0, opusLength));
        var source = PhoneEndPoint.Serialize();
        var buffer = new byte[2048];
        var tone = new byte[160];
        G711.EncodeMuLaw(ToneMath.Sine(1000, 8000, 160, ref phase), tone);
        var time = TimeProvider.System;
        for (var i = 0; i < 50; i++)
        {
            Relay(i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 50; i < 2050; i++)
        {
            Relay(i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        await WaitUntil(() => Browser.ReceivedRtp.Count > 500 && PhoneReceived.Count > 500);

        void Relay(int i)
        {
            buffer[0] = 0x80;
            buffer[1] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)(2 + i));
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), (uint)(320 + (160 * i)));
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(8), 0x1234);
            tone.CopyTo(buffer.AsSpan(12));
            bridge.FromPhone(buffer, 172, source, time.GetTimestamp());
            BinaryPrimitives.WriteUInt16BigEndian(plain.AsSpan(2), (ushort)i);
            BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(4), (uint)(960 * i));
            bridge.FromApp(plain);
        }
    }
}
