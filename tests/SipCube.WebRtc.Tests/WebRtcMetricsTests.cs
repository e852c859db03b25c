using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SipCube.Testing;

namespace SipCube.WebRtc.Tests;

/// <summary>The <c>sipcube.webrtc.*</c> instruments, read through an in-memory collector.</summary>
public sealed class WebRtcMetricsTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly TestMeterFactory meters = new();

    public void Dispose() => meters.Dispose();

    [Fact]
    public async Task A_connection_is_counted_by_state_its_handshake_timed_and_forged_packets_counted()
    {
        var metrics = new WebRtcMetrics(meters);
        using var connections = Collector<long>("sipcube.webrtc.peer_connections");
        using var handshakes = Collector<double>("sipcube.webrtc.dtls.handshake.duration");
        using var failures = Collector<long>("sipcube.webrtc.srtp.decrypt_failures");
        var pc = WebRtcPeerConnection.Create(new WebRtcOptions { BindAddress = IPAddress.Loopback, Certificate = WebRtcSdpTests.Certificate, Metrics = metrics });
        Assert.Equal(1, InState(connections, "new"));

        using (var browser = new FakeBrowser(pc.LocalEndPoint))
        {
            Assert.True(pc.TrySetRemoteDescription(browser.Answer(pc.CreateOffer()), out var error), error);
            browser.SendCheck(useCandidate: true);
            await WaitUntil(() => pc.RemoteEndPoint is not null);
            await browser.ConnectDtlsAsync(Limit);
            await pc.WaitConnectedAsync().WaitAsync(Limit);
            Assert.Equal(1, InState(connections, "connected"));
            Assert.Equal(0, InState(connections, "new") + InState(connections, "connecting"));
            var handshake = Assert.Single(handshakes.GetMeasurementSnapshot());
            Assert.Equal("server", handshake.Tags["dtls.role"]);
            Assert.InRange(handshake.Value, 0, Limit.TotalSeconds);

            var forged = browser.Protect(Rtp(1));
            forged[^1] ^= 0xFF;
            browser.Send(forged);
            await WaitUntil(() => pc.DecryptFailures == 1);
            Assert.Equal("rtp", Assert.Single(failures.GetMeasurementSnapshot()).Tags["packet.kind"]);
        }

        pc.Dispose();
        Assert.Equal(0, connections.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public void Consent_expiry_is_counted_and_the_connection_moves_to_failed()
    {
        var metrics = new WebRtcMetrics(meters);
        using var connections = Collector<long>("sipcube.webrtc.peer_connections");
        using var timeouts = Collector<long>("sipcube.webrtc.ice.consent_timeouts");
        var clock = TestClock.Create();
        using var pc = WebRtcPeerConnection.Create(new WebRtcOptions
        {
            BindAddress = IPAddress.Loopback,
            Certificate = WebRtcSdpTests.Certificate,
            Metrics = metrics,
            TimeProvider = clock,
            ConsentTimeout = TimeSpan.FromSeconds(30),
        });
        using var browser = new FakeBrowser(pc.LocalEndPoint);
        Assert.True(pc.TrySetRemoteDescription(browser.Answer(pc.CreateOffer()), out var error), error);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(timeouts.GetMeasurementSnapshot());
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(WebRtcConnectionState.Failed, pc.State);
        Assert.Equal(1, timeouts.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, InState(connections, "failed"));
    }

    private static long InState(MetricCollector<long> collector, string state) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags["state"], state)).Sum(m => m.Value);

    private static byte[] Rtp(ushort sequence)
    {
        var packet = new byte[172 + 32];
        packet[0] = 0x80;
        packet[1] = 111;
        packet[3] = (byte)sequence;
        packet[8] = 0x12;
        return packet[..172];
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }

    private MetricCollector<T> Collector<T>(string instrument)
        where T : struct => new(meters, WebRtcMetrics.MeterName, instrument);

    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> created = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            created.Add(meter);
            return meter;
        }

        public void Dispose() => created.ForEach(m => m.Dispose());
    }
}
