using FsCheck;
using FsCheck.Fluent;
using SipCube.Testing;

namespace SipCube.Sdp.Tests;

public class SdpParserTests
{
    private static string Load(string name) => File.ReadAllText(RepositoryPaths.TestData(Path.Combine("sdp", name)));

    [Fact]
    public void Chromium_offer_round_trips_byte_for_byte()
    {
        var text = Load("chromium-156-offer-audio-video.sdp");
        Assert.True(SdpParser.TryParse(text, out var sdp, out var error), error.ToString());
        Assert.Equal(text, sdp!.ToString());
    }

    [Fact]
    public void Chromium_offer_exposes_the_webrtc_attributes()
    {
        var sdp = SdpParser.Parse(Load("chromium-156-offer-audio-video.sdp"));
        Assert.Equal(["0", "1"], sdp.BundleGroup);
        var audio = sdp.Media[0];
        Assert.Equal("audio", audio.Media);
        Assert.Equal("UDP/TLS/RTP/SAVPF", audio.Protocol);
        Assert.Equal("0", audio.Mid);
        Assert.True(audio.HasAttribute("rtcp-mux"));
        Assert.Equal(SdpDirection.SendRecv, audio.Direction);
        Assert.Equal(SdpSetup.ActPass, SdpSetups.TryParse(sdp.GetAttribute(audio, "setup")));
        Assert.NotNull(sdp.GetAttribute(audio, "ice-ufrag"));
        var fingerprint = SdpFingerprint.TryParse(sdp.GetAttribute(audio, "fingerprint")!);
        Assert.Equal("sha-256", fingerprint!.HashFunction);
        var opus = audio.RtpMaps.Single(r => r.Encoding == "opus");
        Assert.Equal(new SdpRtpMap(111, "opus", 48000, 2), opus);
        Assert.Equal("minptime=10;useinbandfec=1", audio.GetFmtp(111));
        Assert.Contains(audio.RtpMaps, r => r is { PayloadType: 0, Encoding: "PCMU", ClockRate: 8000 });
        var candidate = SdpCandidate.TryParse(audio.GetAttributes("candidate").First());
        Assert.Equal("127.0.0.1", candidate!.Address);
        Assert.Equal("host", candidate.Type);
        Assert.Equal(audio.Port, candidate.Port);
        Assert.Equal("video", sdp.Media[1].Media);
    }

    [Fact]
    public void Sdes_offer_parses_crypto_lines()
    {
        var sdp = SdpParser.Parse(Load("sip-savp-sdes-offer.sdp"));
        var audio = Assert.Single(sdp.Media);
        Assert.Equal("RTP/SAVP", audio.Protocol);
        Assert.Equal("192.0.2.10", sdp.Connection!.Address);
        var cryptos = audio.GetAttributes("crypto").Select(SdpCrypto.TryParse).ToList();
        Assert.Equal(30, cryptos[0]!.KeySalt.Length);
        Assert.Equal("AES_CM_128_HMAC_SHA1_80", cryptos[0]!.Suite);
        Assert.Equal("2^20", cryptos[0]!.Lifetime);
        Assert.Equal("1:32", cryptos[0]!.Mki);
        Assert.Equal("UNENCRYPTED_SRTCP", cryptos[1]!.SessionParameters);
        Assert.Equal(audio.GetAttributes("crypto").First(), cryptos[0]!.ToString());
        Assert.Equal("0-16", audio.GetFmtp(101));
    }

    [Theory]
    [InlineData("", SdpParseReason.BadVersion)]
    [InlineData("v=1\r\n", SdpParseReason.BadVersion)]
    [InlineData("v=0\r\ns=-\r\n", SdpParseReason.BadOrigin)]
    [InlineData("v=0\r\no=- 1 2 IN IP4\r\n", SdpParseReason.BadOrigin)]
    [InlineData("v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\nxyz\r\n", SdpParseReason.BadLine)]
    [InlineData("v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\nm=audio\r\n", SdpParseReason.BadMedia)]
    [InlineData("v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\nm=audio 70000 RTP/AVP 0\r\n", SdpParseReason.BadMedia)]
    [InlineData("v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\nc=IN IP4\r\n", SdpParseReason.BadConnection)]
    [InlineData("v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\na=:x\r\n", SdpParseReason.BadAttribute)]
    public void Bad_input_returns_a_reason(string text, SdpParseReason reason)
    {
        Assert.False(SdpParser.TryParse(text, out _, out var error));
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Oversized_input_is_rejected()
    {
        var text = "v=0\r\n" + new string('a', SdpParser.MaxSize);
        Assert.False(SdpParser.TryParse(text, out _, out var error));
        Assert.Equal(SdpParseReason.TooLarge, error.Reason);
    }

    [Fact]
    public void Every_line_prefix_of_the_chromium_offer_parses_or_fails_cleanly()
    {
        var lines = Load("chromium-156-offer-audio-video.sdp").Split("\r\n");
        for (var n = 0; n <= lines.Length; n++)
        {
            var text = string.Join("\r\n", lines.Take(n));
            if (SdpParser.TryParse(text, out var sdp, out _))
            {
                Assert.True(SdpParser.TryParse(sdp!.ToString(), out _, out _));
            }
        }
    }

    [Fact]
    public void Random_text_never_throws_and_reparses()
    {
        Prop.ForAll<string>(text =>
        {
            if (text is null || !SdpParser.TryParse(text, out var sdp, out _))
            {
                return true;
            }

            return SdpParser.TryParse(sdp!.ToString(), out var again, out _) && again!.ToString() == sdp.ToString();
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Mutated_chromium_offer_never_throws()
    {
        var seed = Load("chromium-156-offer-audio-video.sdp");
        Prop.ForAll<int, char>((position, c) =>
        {
            var chars = seed.ToCharArray();
            chars[Math.Abs(position % chars.Length)] = c;
            if (SdpParser.TryParse(new string(chars), out var sdp, out _))
            {
                foreach (var m in sdp!.Media)
                {
                    _ = m.RtpMaps.ToList();
                    _ = m.GetAttributes("candidate").Select(SdpCandidate.TryParse).ToList();
                    _ = m.GetAttributes("fingerprint").Select(SdpFingerprint.TryParse).ToList();
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(SdpDirection.SendRecv, SdpDirection.SendRecv)]
    [InlineData(SdpDirection.SendOnly, SdpDirection.RecvOnly)]
    [InlineData(SdpDirection.RecvOnly, SdpDirection.SendOnly)]
    [InlineData(SdpDirection.Inactive, SdpDirection.Inactive)]
    public void Answer_direction_mirrors_the_offer(SdpDirection offered, SdpDirection answered) =>
        Assert.Equal(answered, SdpDirections.Answer(offered));

    [Theory]
    [InlineData("bad")]
    [InlineData("1 2 udp x 1.2.3.4 5 typ host")]
    [InlineData("1 2 udp 3 1.2.3.4 99999 typ host")]
    [InlineData("1 2 udp 3 1.2.3.4 5 type host")]
    public void Malformed_candidates_are_null(string value) => Assert.Null(SdpCandidate.TryParse(value));

    [Theory]
    [InlineData("x opus/48000")]
    [InlineData("200 opus/48000")]
    [InlineData("111 opus")]
    [InlineData("111 opus/x")]
    public void Malformed_rtpmaps_are_null(string value) => Assert.Null(SdpRtpMap.TryParse(value));
}
