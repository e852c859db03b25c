using System.Net;
using SipCube.Dtls;
using SipCube.Sdp;
using SipCube.Testing;

namespace SipCube.WebRtc.Tests;

public class WebRtcSdpTests
{
    internal static readonly DtlsCertificate Certificate = DtlsCertificate.Generate(TimeProvider.System);

    internal static WebRtcOptions Options(SdpSetup answerSetup = SdpSetup.Active, IReadOnlyList<WebRtcCodec>? video = null) => new()
    {
        BindAddress = IPAddress.Loopback,
        Certificate = Certificate,
        AnswerSetup = answerSetup,
        VideoCodecs = video ?? [],
        TimeProvider = TestClock.Create(),
    };

    [Fact]
    public void Offer_is_ice_lite_bundled_with_actpass_and_our_candidate()
    {
        using var pc = WebRtcPeerConnection.Create(Options(video: [WebRtcCodec.Vp8]));
        var offer = SdpParser.Parse(pc.CreateOffer().ToString());

        Assert.NotNull(offer.GetAttribute("ice-lite"));
        Assert.Equal(["0", "1"], offer.BundleGroup);
        Assert.Equal(2, offer.Media.Count);
        foreach (var m in offer.Media)
        {
            Assert.Equal(pc.LocalEndPoint.Port, m.Port);
            Assert.Equal("UDP/TLS/RTP/SAVPF", m.Protocol);
            Assert.True(m.HasAttribute("rtcp-mux"));
            Assert.True(m.HasAttribute("end-of-candidates"));
            Assert.Equal(SdpSetup.ActPass, SdpSetups.TryParse(m.GetAttribute("setup")));
            Assert.Equal("sha-256 " + Certificate.Fingerprint, m.GetAttribute("fingerprint"));
            var candidate = SdpCandidate.TryParse(m.GetAttribute("candidate")!);
            Assert.Equal(("127.0.0.1", pc.LocalEndPoint.Port, "host"), (candidate!.Address, candidate.Port, candidate.Type));
            Assert.Contains(m.GetAttributes("ssrc"), s => s.Contains("cname:", StringComparison.Ordinal));
        }

        Assert.Contains(offer.Media[0].RtpMaps, r => r.Encoding == "opus");
        Assert.Contains(offer.Media[1].RtpMaps, r => r.Encoding == "VP8");
    }

    [Fact]
    public void Answer_to_chromium_accepts_audio_with_its_payload_types_and_rejects_video()
    {
        using var pc = WebRtcPeerConnection.Create(Options(SdpSetup.Passive));
        var offer = SdpParser.Parse(File.ReadAllText(RepositoryPaths.TestData("sdp/chromium-156-offer-audio-video.sdp")));
        Assert.True(pc.TrySetRemoteDescription(offer, out var error), error);
        var answer = SdpParser.Parse(pc.CreateAnswer().ToString());

        Assert.Equal(DtlsRole.Server, pc.DtlsRole);
        Assert.Equal(["0"], answer.BundleGroup);
        var audio = answer.Media[0];
        Assert.Equal("0", audio.Mid);
        Assert.Equal(SdpSetup.Passive, SdpSetups.TryParse(audio.GetAttribute("setup")));
        Assert.Equal(["111", "0", "8", "110"], audio.Formats);
        Assert.Equal("minptime=10;useinbandfec=1", audio.GetFmtp(111));
        Assert.Equal(0, answer.Media[1].Port);
        Assert.Equal("1", answer.Media[1].Mid);
        Assert.Equal("audio", Assert.Single(pc.Media).Kind);
    }

    [Fact]
    public void Answering_actpass_with_active_makes_us_the_dtls_client()
    {
        using var pc = WebRtcPeerConnection.Create(Options(SdpSetup.Active));
        var offer = SdpParser.Parse(File.ReadAllText(RepositoryPaths.TestData("sdp/chromium-156-offer-audio-video.sdp")));
        Assert.True(pc.TrySetRemoteDescription(offer, out _));
        Assert.Equal(DtlsRole.Client, pc.DtlsRole);
        Assert.Equal("active", pc.CreateAnswer().Media[0].GetAttribute("setup"));
    }

    [Theory]
    [InlineData("a=fingerprint:", "missing sha-256 fingerprint")]
    [InlineData("a=ice-pwd:", "missing ice-ufrag/ice-pwd")]
    [InlineData("a=rtcp-mux", "rtcp-mux is required")]
    public void Unusable_remote_descriptions_are_refused_with_a_reason(string dropLinesStartingWith, string reason)
    {
        using var pc = WebRtcPeerConnection.Create(Options());
        var text = string.Join("\r\n", File.ReadAllText(RepositoryPaths.TestData("sdp/chromium-156-offer-audio-video.sdp"))
            .Split("\r\n").Where(l => !l.StartsWith(dropLinesStartingWith, StringComparison.Ordinal)));
        Assert.False(pc.TrySetRemoteDescription(SdpParser.Parse(text), out var error));
        Assert.Equal(reason, error);
    }

    [Fact]
    public void Answer_with_actpass_is_refused()
    {
        using var pc = WebRtcPeerConnection.Create(Options());
        pc.CreateOffer();
        var text = File.ReadAllText(RepositoryPaths.TestData("sdp/chromium-156-offer-audio-video.sdp"));
        Assert.False(pc.TrySetRemoteDescription(SdpParser.Parse(text), out var error));
        Assert.Contains("actpass", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Wildcard_bind_is_refused() =>
        Assert.Throws<ArgumentException>(() => WebRtcPeerConnection.Create(new WebRtcOptions { BindAddress = IPAddress.Any, Certificate = Certificate }));

    [Fact]
    public void Ports_come_from_the_configured_range()
    {
        var port = FreePort.Udp();
        using var pc = WebRtcPeerConnection.Create(new WebRtcOptions { BindAddress = IPAddress.Loopback, Certificate = Certificate, PortMin = port, PortMax = port });
        Assert.Equal(port, pc.LocalEndPoint.Port);
    }
}
