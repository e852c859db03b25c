using System.Net.Sockets;
using SipCube.Calls.Ports;
using SipCube.Sdp;

namespace SipCube.Calls.Media.Tests;

/// <summary>Offer/answer through the bridge, both directions, on captured baresip, SIPp and Chromium SDP.</summary>
public class BridgeSdpTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Phone_to_app_offers_the_app_only_the_phones_passthrough_formats_with_the_phones_numbers()
    {
        await using var bridge = TestBridges.Create();

        var offer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.Sip, TestBridges.Read("baresip-1.0.0-offer.sdp"), None));

        var audio = Assert.Single(offer.Media);
        Assert.Equal("UDP/TLS/RTP/SAVPF", audio.Protocol);
        Assert.Equal(["0", "8", "9", "96", "101"], audio.Formats);
        Assert.Contains("96 opus/48000/2", audio.GetAttributes("rtpmap"));
        Assert.Contains("101 telephone-event/8000", audio.GetAttributes("rtpmap"));
        Assert.Equal("stereo=1;sprop-stereo=1", audio.GetFmtp(96));
        Assert.Equal("actpass", audio.GetAttribute("setup"));
        Assert.NotNull(audio.GetAttribute("ssrc"));
        Assert.True(audio.HasAttribute("rtcp-mux"));
        Assert.Equal(bridge.PeerConnection!.LocalEndPoint.Port, audio.Port);
    }

    [Fact]
    public async Task Phone_to_app_answers_the_phone_with_the_apps_choice_on_our_rtp_port_without_mux_when_not_offered()
    {
        await using var bridge = TestBridges.Create();
        var offer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.Sip, TestBridges.Read("baresip-1.0.0-offer.sdp"), None));
        using var browser = new FakeBrowser();

        var answer = SdpParser.Parse(await bridge.CompleteAsync(MediaSide.App, browser.Answer(offer, 9, 101).ToString(), None));

        Assert.Equal("IN IP4 127.0.0.1", answer.Connection!.ToString());
        var audio = Assert.Single(answer.Media);
        Assert.Equal("RTP/AVP", audio.Protocol);
        Assert.Equal(bridge.SipPort, audio.Port);
        Assert.Equal(0, audio.Port % 2);
        Assert.Equal(["9", "101"], audio.Formats);
        Assert.Equal(["9 G722/8000", "101 telephone-event/8000"], audio.GetAttributes("rtpmap"));
        Assert.Equal("20", audio.GetAttribute("ptime"));
        Assert.False(audio.HasAttribute("rtcp-mux"));
        Assert.Equal(SdpDirection.SendRecv, audio.Direction);
        Assert.Equal("G722", bridge.GetStats().Sip.AudioCodec);
    }

    [Fact]
    public async Task Phone_to_app_answer_leaves_out_telephone_event_when_the_app_did_not_take_it()
    {
        await using var bridge = TestBridges.Create();
        var sipp = TestBridges.Read("sipp-3.6-uac-offer.sdp");
        var offer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.Sip, sipp, None));

        // Opus is added after the phone's formats so an Opus-only browser still gets audio (transcoded).
        Assert.Equal(["0", "111"], offer.Media[0].Formats);
        using var browser = new FakeBrowser();

        var answer = SdpParser.Parse(await bridge.CompleteAsync(MediaSide.App, browser.Answer(offer, 0).ToString(), None));

        Assert.Equal(["0"], answer.Media[0].Formats);
        Assert.Equal("PCMU", bridge.GetStats().App.AudioCodec);
    }

    [Fact]
    public async Task Phone_to_app_keeps_every_phone_m_line_and_rejects_all_but_audio()
    {
        await using var bridge = TestBridges.Create();
        var phone = TestBridges.Read("sipp-3.6-uac-offer.sdp") + "m=video 6002 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n";
        var offer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.Sip, phone, None));
        using var browser = new FakeBrowser();

        var answer = SdpParser.Parse(await bridge.CompleteAsync(MediaSide.App, browser.Answer(offer, 0).ToString(), None));

        Assert.Equal(2, answer.Media.Count);
        Assert.Equal(0, answer.Media[1].Port);
        Assert.Equal("video", answer.Media[1].Media);
    }

    [Fact]
    public async Task App_to_phone_offers_the_phone_plain_rtp_with_the_browsers_formats_phones_carry()
    {
        await using var bridge = TestBridges.Create();

        var offer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.App, TestBridges.Read("chromium-156-offer-audio-video.sdp"), None));

        var audio = Assert.Single(offer.Media);
        Assert.Equal("RTP/AVP", audio.Protocol);
        Assert.Equal(bridge.SipPort, audio.Port);
        Assert.Equal("IN IP4 127.0.0.1", offer.Connection!.ToString());
        Assert.Equal(TestBridges.WithG729("111", "9", "0", "8", "18", "110", "126"), audio.Formats);
        Assert.Equal("minptime=10;useinbandfec=1", audio.GetFmtp(111));
        Assert.Contains("111 opus/48000/2", audio.GetAttributes("rtpmap"));
        Assert.True(audio.HasAttribute("rtcp-mux"));
        Assert.Equal("20", audio.GetAttribute("ptime"));
        Assert.Null(audio.GetAttribute("fingerprint"));
    }

    [Fact]
    public async Task App_to_phone_answers_the_browser_with_the_phones_choice_and_rejects_video()
    {
        await using var bridge = TestBridges.Create();
        await bridge.CreateOfferAsync(MediaSide.App, TestBridges.Read("chromium-156-offer-audio-video.sdp"), None);

        var answer = SdpParser.Parse(await bridge.CompleteAsync(MediaSide.Sip, TestBridges.Read("sipp-3.6-uas-answer.sdp"), None));

        Assert.Equal(2, answer.Media.Count);
        Assert.Equal(["0", "126"], answer.Media[0].Formats);
        Assert.Equal("active", answer.Media[0].GetAttribute("setup"));
        Assert.Equal(0, answer.Media[1].Port);
        Assert.Equal("PCMU", bridge.GetStats().Sip.AudioCodec);
    }

    [Fact]
    public async Task App_to_phone_accepts_a_phone_answer_that_omits_the_rtpmap_of_our_dynamic_type()
    {
        await using var bridge = TestBridges.Create();
        await bridge.CreateOfferAsync(MediaSide.App, TestBridges.Read("chromium-156-offer-audio-video.sdp"), None);
        const string phone = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7000 RTP/AVP 111\r\na=rtcp-mux\r\n";

        var answer = SdpParser.Parse(await bridge.CompleteAsync(MediaSide.Sip, phone, None));

        Assert.Equal("111", answer.Media[0].Formats[0]);
        Assert.Equal("opus", bridge.GetStats().App.AudioCodec);
    }

    [Theory]
    [InlineData("m=audio 6000 RTP/AVP 97 3\r\na=rtpmap:97 iLBC/8000\r\n")]
    [InlineData("m=audio 6000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n")]
    [InlineData("m=audio 0 RTP/AVP 0\r\n")]
    public async Task A_phone_offer_without_a_format_apps_take_is_incompatible(string media)
    {
        await using var bridge = TestBridges.Create();
        var phone = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" + media;

        await Assert.ThrowsAsync<IncompatibleMediaException>(() => bridge.CreateOfferAsync(MediaSide.Sip, phone, None).AsTask());
    }

    [Fact]
    public async Task Unreadable_sdp_is_incompatible_not_a_crash()
    {
        await using var bridge = TestBridges.Create();

        await Assert.ThrowsAsync<IncompatibleMediaException>(() => bridge.CreateOfferAsync(MediaSide.Sip, "hello", None).AsTask());
        await Assert.ThrowsAsync<IncompatibleMediaException>(() => bridge.CreateOfferAsync(MediaSide.App, TestBridges.Read("sipp-3.6-uac-offer.sdp"), None).AsTask());
    }

    [Fact]
    public async Task A_phone_answer_with_a_format_we_did_not_offer_is_incompatible()
    {
        await using var bridge = TestBridges.Create();
        await bridge.CreateOfferAsync(MediaSide.App, TestBridges.Read("chromium-156-offer-audio-video.sdp"), None);
        const string phone = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7000 RTP/AVP 97\r\na=rtpmap:97 iLBC/8000\r\n";

        await Assert.ThrowsAsync<IncompatibleMediaException>(() => bridge.CompleteAsync(MediaSide.Sip, phone, None).AsTask());
    }

    [Fact]
    public async Task An_app_answer_with_a_format_the_phone_did_not_offer_is_incompatible()
    {
        await using var bridge = TestBridges.Create();
        var offer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.Sip, TestBridges.Read("sipp-3.6-uac-offer.sdp"), None));
        using var browser = new FakeBrowser();
        var answer = browser.Answer(offer, 0);
        answer.Media[0].Formats[0] = "8";
        answer.Media[0].Attributes.RemoveAll(a => a.Name == "rtpmap");
        answer.Media[0].Add("rtpmap", "8 PCMA/8000");

        await Assert.ThrowsAsync<IncompatibleMediaException>(() => bridge.CompleteAsync(MediaSide.App, answer.ToString(), None).AsTask());
    }

    [Fact]
    public async Task Offer_and_answer_are_idempotent()
    {
        await using var bridge = TestBridges.Create();
        var sipp = TestBridges.Read("sipp-3.6-uac-offer.sdp");
        var first = await bridge.CreateOfferAsync(MediaSide.Sip, sipp, None);
        Assert.Equal(first, await bridge.CreateOfferAsync(MediaSide.Sip, sipp, None));
        using var browser = new FakeBrowser();
        var browserAnswer = browser.Answer(SdpParser.Parse(first), 0).ToString();

        var answer = await bridge.CompleteAsync(MediaSide.App, browserAnswer, None);

        Assert.Equal(answer, await bridge.CompleteAsync(MediaSide.App, browserAnswer, None));
        await bridge.DisposeAsync();
        await bridge.DisposeAsync();
    }

    [Fact]
    public async Task The_phone_port_range_runs_out_and_ports_come_back_when_a_bridge_is_disposed()
    {
        var port = FreeEvenPair();
        var options = TestBridges.Options(port, port + 1);
        var sipp = TestBridges.Read("sipp-3.6-uac-offer.sdp");
        var first = TestBridges.Create(options);
        await first.CreateOfferAsync(MediaSide.Sip, sipp, None);
        Assert.Equal(port, first.SipPort);

        await using (var second = TestBridges.Create(options))
        {
            var ex = await Assert.ThrowsAsync<SocketException>(() => second.CreateOfferAsync(MediaSide.Sip, sipp, None).AsTask());
            Assert.Equal(SocketError.AddressAlreadyInUse, ex.SocketErrorCode);
        }

        await first.DisposeAsync();
        await using var third = TestBridges.Create(options);
        await third.CreateOfferAsync(MediaSide.Sip, sipp, None);
        Assert.Equal(port, third.SipPort);
    }

    private static int FreeEvenPair()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = SipCube.Testing.FreePort.Udp() & ~1;
            try
            {
                using var a = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                using var b = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                a.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
                b.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port + 1));
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("no free even/odd UDP pair");
    }
}
