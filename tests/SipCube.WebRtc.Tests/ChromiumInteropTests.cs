using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using SipCube.Dtls;
using SipCube.Sdp;
using SipCube.Testing;
using Xunit.Abstractions;

namespace SipCube.WebRtc.Tests;

/// <summary>
/// Headless Chromium's RTCPeerConnection against our endpoint on 127.0.0.1 (inside <c>unshare -n</c>): both
/// offer directions, both DTLS roles, both SRTP profiles, Opus and PCMU. Our side echoes what it receives with
/// its own SSRC, so the page sees audio coming back, and sends SR/RR so the page gets an RTCP round-trip time.
/// </summary>
public class ChromiumInteropTests(ITestOutputHelper output)
{
    private static readonly DtlsCertificate Certificate = DtlsCertificate.Generate(TimeProvider.System);

    public static TheoryData<string, SdpSetup, DtlsSrtpProfile, string> Cases => new()
    {
        { "we-offer", SdpSetup.ActPass, DtlsSrtpProfile.AeadAes128Gcm, "audio/opus" },
        { "we-offer", SdpSetup.ActPass, DtlsSrtpProfile.Aes128CmHmacSha1_80, "audio/PCMU" },
        { "chrome-offers", SdpSetup.Active, DtlsSrtpProfile.AeadAes128Gcm, "audio/opus" },
        { "chrome-offers", SdpSetup.Active, DtlsSrtpProfile.Aes128CmHmacSha1_80, "audio/PCMU" },
        { "chrome-offers", SdpSetup.Passive, DtlsSrtpProfile.Aes128CmHmacSha1_80, "audio/opus" },
        { "chrome-offers", SdpSetup.Passive, DtlsSrtpProfile.AeadAes128Gcm, "audio/PCMU" },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    [Trait("Category", "Interop")]
    public async Task Chromium_connects_and_audio_flows_both_ways(string mode, SdpSetup answerSetup, DtlsSrtpProfile profile, string codec)
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("node");
        var ours = codec == "audio/opus" ? WebRtcCodec.Opus : WebRtcCodec.Pcmu;
        using var pc = WebRtcPeerConnection.Create(new WebRtcOptions
        {
            BindAddress = IPAddress.Loopback,
            Certificate = Certificate,
            SrtpProfiles = [profile],
            AudioCodecs = [ours],
            AnswerSetup = answerSetup == SdpSetup.ActPass ? SdpSetup.Active : answerSetup,
        });
        var echoBuffer = new byte[2048];
        pc.RtpReceived = packet =>
        {
            packet.CopyTo(echoBuffer);
            BinaryPrimitives.WriteUInt32BigEndian(echoBuffer.AsSpan(8), pc.Media[0].Ssrc);
            pc.SendRtp(echoBuffer, packet.Length);
        };
        using var signal = new SignalServer(pc);
        var script = Path.Combine(RepositoryPaths.Tests, "SipCube.WebRtc.Tests", "browser", "webrtc-call.mjs");

        var result = await NodePeer.RunAsync(script, TimeSpan.FromSeconds(55), signal.Url, mode, codec);

        output.WriteLine($"{mode} setup={answerSetup} {profile} {codec}: our DTLS {pc.DtlsRole} handshake {pc.DtlsHandshakeDuration?.TotalMilliseconds:F1} ms, " +
            $"page connect {result.GetProperty("connectMs").GetDouble():F0} ms, rx {pc.RtpPacketsReceived} tx {pc.RtpPacketsSent}, our RTT {pc.RoundTripTime?.TotalMilliseconds:F2} ms");
        output.WriteLine(result.ToString());
        var expectedRole = mode == "we-offer" || answerSetup == SdpSetup.Passive ? DtlsRole.Server : DtlsRole.Client;
        Assert.Equal(expectedRole, pc.DtlsRole);
        Assert.Equal((int)profile, (int)pc.SrtpProfile!.Value);
        Assert.NotNull(pc.DtlsHandshakeDuration);
        Assert.Equal(0, pc.DecryptFailures);
        Assert.True(pc.RtpPacketsReceived >= 50, $"we received {pc.RtpPacketsReceived}");

        var transport = result.GetProperty("transport");
        Assert.Equal("connected", transport.GetProperty("dtlsState").GetString());
        Assert.Equal(profile == DtlsSrtpProfile.AeadAes128Gcm ? "SRTP_AEAD_AES_128_GCM" : "SRTP_AES128_CM_HMAC_SHA1_80", transport.GetProperty("srtpCipher").GetString());
        Assert.Equal(expectedRole == DtlsRole.Server ? "client" : "server", transport.GetProperty("dtlsRole").GetString());
        var inbound = result.GetProperty("inbound");
        Assert.True(inbound.GetProperty("packetsReceived").GetInt32() >= 50, "browser received too few packets");
        Assert.Equal(codec, inbound.GetProperty("codec").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.True(result.GetProperty("outbound").GetProperty("packetsSent").GetInt32() > 0);
        Assert.True(result.TryGetProperty("remoteInbound", out var remoteInbound) && remoteInbound.TryGetProperty("roundTripTime", out var rtt)
            && rtt.ValueKind == JsonValueKind.Number, "browser has no RTCP round-trip time");
        Assert.Equal("127.0.0.1", result.GetProperty("pair").GetProperty("remote").GetString());
    }
}
