using System.Net;
using SipCube.Calls.Ports;
using SipCube.Sdp;
using SipCube.Testing;
using Xunit.Abstractions;

namespace SipCube.Calls.Media.Tests;

/// <summary>
/// Headless Chromium's RTCPeerConnection as the app, a UDP "phone" sending a PCMU 1 kHz tone (or Opus frames), and
/// the media bridge between them on 127.0.0.1 (inside <c>unshare -n</c>): both call directions, audio each way, the
/// phone gets the browser's RTP re-framed with the payload type it negotiated.
/// </summary>
public class ChromiumBridgeInteropTests(ITestOutputHelper output)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableTheory]
    [InlineData("phone-to-app", "PCMU")]
    [InlineData("app-to-phone", "PCMU")]
    [InlineData("phone-to-app", "opus")]
    [Trait("Category", "Interop")]
    public async Task Audio_flows_both_ways_between_a_phone_and_chromium(string mode, string codec)
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("node");
        await using var bridge = TestBridges.Create();
        await using var phone = new TonePhone();
        var opus = codec == "opus";
        byte phonePayloadType = opus ? (byte)107 : (byte)0;
        string? phoneSdpSeen = null;
        using var signal = new SignalEndpoint(async (method, path, body) =>
        {
            if (mode == "phone-to-app" && method == "GET" && path == "/offer")
            {
                // baresip-like: opus under its own dynamic number, PCMU, telephone-event; no rtcp-mux.
                var phoneOffer = PhoneSdp(phone.Port, opus ? "107 0 101" : "0 101");
                return (200, await bridge.CreateOfferAsync(MediaSide.Sip, phoneOffer, None));
            }

            if (mode == "phone-to-app" && method == "POST" && path == "/answer")
            {
                phoneSdpSeen = await bridge.CompleteAsync(MediaSide.App, body, None);
                phone.Start(Target(phoneSdpSeen), phonePayloadType, opus);
                return (200, "ok");
            }

            if (mode == "app-to-phone" && method == "POST" && path == "/offer")
            {
                phoneSdpSeen = await bridge.CreateOfferAsync(MediaSide.App, body, None);
                var answer = await bridge.CompleteAsync(MediaSide.Sip, PhoneSdp(phone.Port, "0 101"), None);
                phone.Start(Target(phoneSdpSeen), phonePayloadType, opus);
                return (200, answer);
            }

            return (404, "unexpected " + method + " " + path);
        });
        var script = Path.Combine(RepositoryPaths.Tests, "SipCube.Calls.Media.Tests", "browser", "bridge-call.mjs");

        var result = await NodePeer.RunAsync(script, TimeSpan.FromSeconds(55), signal.Url, mode);

        var stats = bridge.GetStats();
        var pc = bridge.PeerConnection!;
        output.WriteLine($"{mode} {codec}: page connect {result.GetProperty("connectMs").GetDouble():F0} ms, phone sent {phone.Sent} got {phone.Received.Count}; " +
            $"bridge sip rx {stats.Sip.PacketsReceived} tx {stats.Sip.PacketsSent}, app rx {stats.App.PacketsReceived} tx {stats.App.PacketsSent} " +
            $"rtt {stats.App.RttMs:F2} ms, decrypt failures {pc.DecryptFailures}");
        output.WriteLine(result.ToString());
        output.WriteLine(phoneSdpSeen);

        var inbound = result.GetProperty("inbound");
        Assert.True(inbound.GetProperty("packetsReceived").GetInt32() >= 50, "the browser received too few packets");
        Assert.Equal("audio/" + codec, inbound.GetProperty("codec").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(phonePayloadType, inbound.GetProperty("payloadType").GetInt32());
        if (!opus)
        {
            Assert.True(inbound.GetProperty("totalAudioEnergy").GetDouble() > 0, "the browser decoded no tone");
        }

        Assert.Equal("connected", result.GetProperty("transport").GetProperty("dtlsState").GetString());
        Assert.Equal(0, pc.DecryptFailures);
        var fromBrowser = phone.Received.Where(p => p.Length > 12 && p[1] is < 192 or > 223).ToList();
        Assert.True(fromBrowser.Count >= 50, $"the phone received {fromBrowser.Count} RTP packets");
        Assert.All(fromBrowser, p => Assert.Equal(phonePayloadType, RtpPackets.PayloadType(p)));
        Assert.Single(fromBrowser.Select(p => RtpPackets.Ssrc(p)).Distinct());
        Assert.True(stats.Sip.PacketsReceived >= 50);
        Assert.Equal(codec, stats.Sip.AudioCodec, StringComparer.OrdinalIgnoreCase);
    }

    private static string PhoneSdp(int port, string formats) =>
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        $"m=audio {port} RTP/AVP {formats}\r\na=rtpmap:107 opus/48000/2\r\na=fmtp:107 useinbandfec=1\r\na=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";

    private static IPEndPoint Target(string bridgeSdp)
    {
        var sdp = SdpParser.Parse(bridgeSdp);
        var audio = sdp.Media.First(m => m.Media == "audio");
        var address = IPAddress.Parse((audio.Connection ?? sdp.Connection)!.Address);
        return new IPEndPoint(address, audio.Port);
    }
}
