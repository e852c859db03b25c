using System.Net;
using SipCube.Calls.Ports;
using SipCube.Media.Codecs;
using SipCube.Sdp;
using SipCube.Testing;

namespace SipCube.Calls.Media.Tests;

/// <summary>Phone re-offers (RFC 3264 §8): hold, resume, a moved phone and a codec change, WebRTC leg untouched.</summary>
public sealed class MediaBridgeReofferTests : BridgeHarness
{
    private const string Pcmu = "a=rtpmap:0 PCMU/8000\r\n";

    [Fact]
    public async Task Hold_is_answered_recvonly_stops_media_to_the_phone_and_resume_brings_it_back()
    {
        await using var bridge = TestBridges.Create();
        var (_, phoneTarget) = await ConnectAsync(bridge, "0", Pcmu, 0);
        var first = PhoneAnswer!.Origin;
        var pcBefore = bridge.PeerConnection;

        var hold = SdpParser.Parse(await bridge.UpdateFromPhoneAsync(WithDirection(PhoneOffer, "sendonly"), None));
        Assert.Equal(SdpDirection.RecvOnly, hold.Media[0].Direction);
        Assert.Equal(first.SessionId, hold.Origin.SessionId);
        Assert.Equal(Version(first) + 1, Version(hold.Origin));
        Assert.True(bridge.PhoneHeld);
        var again = SdpParser.Parse(await bridge.UpdateFromPhoneAsync(WithDirection(PhoneOffer, "sendonly"), None));
        Assert.Equal(Version(hold.Origin), Version(again.Origin));

        // While held, browser audio reaches the bridge but not the phone.
        ushort seq = 1;
        var appReceived = bridge.GetStats().App.PacketsReceived;
        await SendUntilAsync(() => Browser.SendRtp(RtpPackets.Create(0, seq, 160u * seq++, 0xCAFE, new byte[160])), () => bridge.GetStats().App.PacketsReceived >= appReceived + 10);
        Assert.Empty(PhoneReceived);

        var resume = SdpParser.Parse(await bridge.UpdateFromPhoneAsync(PhoneOffer, None));
        Assert.Equal(SdpDirection.SendRecv, resume.Media[0].Direction);
        Assert.Equal(Version(hold.Origin) + 1, Version(resume.Origin));
        Assert.False(bridge.PhoneHeld);
        await SendUntilAsync(() => Browser.SendRtp(RtpPackets.Create(0, seq, 160u * seq++, 0xCAFE, new byte[160])), () => !PhoneReceived.IsEmpty);
        await SendUntilAsync(() => Phone.SendTo(RtpPackets.Create(0, seq, 160u * seq++, 0x1234, new byte[160]), phoneTarget), () => !Browser.ReceivedRtp.IsEmpty);
        Assert.Same(pcBefore, bridge.PeerConnection);
        Assert.Equal(0, bridge.PeerConnection!.DecryptFailures);
    }

    [Theory]
    [InlineData("inactive", SdpDirection.Inactive)]
    [InlineData("zero-address", SdpDirection.SendRecv)]
    public async Task Old_and_new_style_hold_stop_sending_to_the_phone(string style, SdpDirection answered)
    {
        await using var bridge = TestBridges.Create();
        await ConnectAsync(bridge, "0", Pcmu, 0);
        var offer = style == "inactive" ? WithDirection(PhoneOffer, "inactive") : PhoneOffer.Replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0", StringComparison.Ordinal);

        var answer = SdpParser.Parse(await bridge.UpdateFromPhoneAsync(offer, None));

        Assert.Equal(answered, answer.Media[0].Direction);
        Assert.True(bridge.PhoneHeld);
    }

    [Fact]
    public async Task A_held_phone_that_sends_nothing_is_not_timed_out_until_it_resumes()
    {
        var clock = TestClock.Create();
        var bridge = TestBridges.Create(
            new MediaBridgeOptions { SipBindAddress = IPAddress.Loopback, WebRtcBindAddress = IPAddress.Loopback, MediaTimeout = TimeSpan.FromSeconds(10) },
            clock);
        await using var _ = bridge;
        var sipp = TestBridges.Read("sipp-3.6-uac-offer.sdp");
        var offer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.Sip, sipp, None));
        await bridge.CompleteAsync(MediaSide.App, Browser.Answer(offer, 0).ToString(), None);

        await bridge.UpdateFromPhoneAsync(WithDirection(sipp, "inactive"), None);
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.NotEqual(MediaSide.Sip, bridge.TimedOutSide);

        await bridge.UpdateFromPhoneAsync(sipp, None);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.NotEqual(MediaSide.Sip, bridge.TimedOutSide);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.NotNull(bridge.TimedOutSide);
    }

    [Fact]
    public async Task A_codec_change_inserts_then_removes_transcoding_and_the_browser_stream_continues()
    {
        await using var bridge = TestBridges.Create();
        var (_, phoneTarget) = await ConnectAsync(bridge, "0", Pcmu, 0);
        ushort seq = 1;
        await SendUntilAsync(() => Phone.SendTo(RtpPackets.Create(0, seq, 160u * seq++, 0x1234, new byte[160]), phoneTarget), () => Browser.ReceivedRtp.Count >= 3);
        var lastBefore = Browser.ReceivedRtp.Last();

        var pcma = PhoneOffer.Replace("RTP/AVP 0", "RTP/AVP 8", StringComparison.Ordinal).Replace(Pcmu, "a=rtpmap:8 PCMA/8000\r\n", StringComparison.Ordinal);
        var answer = SdpParser.Parse(await bridge.UpdateFromPhoneAsync(pcma, None));

        Assert.Equal(["8"], answer.Media[0].Formats);
        Assert.Equal("PCMA", bridge.Transcoding!.SipCodec);
        var count = Browser.ReceivedRtp.Count;
        var frame = new byte[160];
        var phase = 0.0;
        G711.EncodeALaw(ToneMath.Sine(1000, 8000, 160, ref phase), frame);
        await SendUntilAsync(() => Phone.SendTo(RtpPackets.Create(8, seq, 160u * seq++, 0x1234, frame), phoneTarget), () => Browser.ReceivedRtp.Count >= count + 3);
        var firstAfter = Browser.ReceivedRtp.Skip(count).First();
        Assert.Equal(0, RtpPackets.PayloadType(firstAfter));
        Assert.Equal(RtpPackets.Ssrc(lastBefore), RtpPackets.Ssrc(firstAfter));
        Assert.Equal((ushort)(RtpPackets.Sequence(lastBefore) + 1), RtpPackets.Sequence(firstAfter));
        Assert.Equal("PCMA", bridge.GetStats().Sip.AudioCodec);
        Assert.Equal("PCMU", bridge.GetStats().App.AudioCodec);

        var back = SdpParser.Parse(await bridge.UpdateFromPhoneAsync(PhoneOffer, None));
        Assert.Equal(["0"], back.Media[0].Formats);
        Assert.Null(bridge.Transcoding);
        Assert.Equal("PCMU", bridge.GetStats().Sip.AudioCodec);
    }

    [Fact]
    public async Task A_reoffer_with_nothing_usable_is_refused_and_the_call_keeps_its_media()
    {
        await using var bridge = TestBridges.Create();
        var (_, phoneTarget) = await ConnectAsync(bridge, "0", Pcmu, 0);
        var ilbc = PhoneOffer.Replace("RTP/AVP 0", "RTP/AVP 97", StringComparison.Ordinal).Replace(Pcmu, "a=rtpmap:97 iLBC/8000\r\n", StringComparison.Ordinal);

        await Assert.ThrowsAsync<IncompatibleMediaException>(() => bridge.UpdateFromPhoneAsync(ilbc, None).AsTask());

        ushort seq = 1;
        await SendUntilAsync(() => Phone.SendTo(RtpPackets.Create(0, seq, 160u * seq++, 0x1234, new byte[160]), phoneTarget), () => !Browser.ReceivedRtp.IsEmpty);
        Assert.Equal("PCMU", bridge.GetStats().Sip.AudioCodec);
    }

    private static string WithDirection(string sdp, string direction) => sdp.TrimEnd() + "\r\na=" + direction + "\r\n";

    private static ulong Version(SdpOrigin origin) => ulong.Parse(origin.SessionVersion, System.Globalization.CultureInfo.InvariantCulture);
}
