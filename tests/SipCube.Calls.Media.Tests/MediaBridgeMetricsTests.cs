using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Calls.Ports;
using SipCube.Sdp;

namespace SipCube.Calls.Media.Tests;

public sealed class MediaBridgeMetricsTests : IDisposable
{
    private readonly MeterFactory meters = new();

    public void Dispose() => meters.Dispose();

    [Fact]
    public async Task Bridges_count_ports_held_relays_by_codec_and_failures_by_reason()
    {
        var metrics = new MediaBridgeMetrics(meters);
        using var active = new MetricCollector<long>(meters, MediaBridgeMetrics.MeterName, "sipcube.media.bridges.active");
        using var relays = new MetricCollector<long>(meters, MediaBridgeMetrics.MeterName, "sipcube.media.relays.started");
        using var failures = new MetricCollector<long>(meters, MediaBridgeMetrics.MeterName, "sipcube.media.negotiation.failed");
        var factory = new MediaBridgeFactory(TestBridges.Options(), TestBridges.Certificate, TimeProvider.System, NullLoggerFactory.Instance, metrics);
        var sipp = TestBridges.Read("sipp-3.6-uac-offer.sdp");

        var bridge = factory.Create("a", TestBridges.Sink());
        var offer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.Sip, sipp, CancellationToken.None));
        using (var browser = new FakeBrowser())
        {
            await bridge.CompleteAsync(MediaSide.App, browser.Answer(offer, 0).ToString(), CancellationToken.None);
        }

        Assert.Equal(1, active.GetMeasurementSnapshot().EvaluateAsCounter());
        await using (var refused = factory.Create("b", TestBridges.Sink()))
        {
            await Assert.ThrowsAsync<IncompatibleMediaException>(() => refused.CreateOfferAsync(MediaSide.Sip, sipp.Replace("RTP/AVP 0\r\na=rtpmap:0 PCMU/8000", "RTP/AVP 97\r\na=rtpmap:97 iLBC/8000", StringComparison.Ordinal), CancellationToken.None).AsTask());
        }

        await bridge.DisposeAsync();

        Assert.Equal(0, active.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal("PCMU", Assert.Single(relays.GetMeasurementSnapshot()).Tags["codec"]);
        Assert.Equal("incompatible_media", Assert.Single(failures.GetMeasurementSnapshot()).Tags["reason"]);
    }

    [SkippableFact]
    public async Task Transcoded_calls_are_counted_by_codec_pair_and_info_digits_by_source()
    {
        Skip.IfNot(SipCube.Media.Transcoding.TranscodingRelay.CanTranscode("opus", 48000), "libopus.so.0 is not installed");
        var metrics = new MediaBridgeMetrics(meters);
        using var sessions = new MetricCollector<long>(meters, MediaBridgeMetrics.MeterName, "sipcube.media.transcoding.sessions");
        using var dtmf = new MetricCollector<long>(meters, MediaBridgeMetrics.MeterName, "sipcube.media.dtmf.events");
        var factory = new MediaBridgeFactory(TestBridges.Options(), TestBridges.Certificate, TimeProvider.System, NullLoggerFactory.Instance, metrics);
        var phone = TestBridges.Read("sipp-3.6-uac-offer.sdp").Replace("RTP/AVP 0\r\n", "RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n", StringComparison.Ordinal);

        var bridge = factory.Create("t", TestBridges.Sink());
        var offer = SdpParser.Parse(await bridge.CreateOfferAsync(MediaSide.Sip, phone, CancellationToken.None));
        using (var browser = new FakeBrowser())
        {
            await bridge.CompleteAsync(MediaSide.App, browser.Answer(offer, 111, 110).ToString(), CancellationToken.None);
        }

        var started = Assert.Single(sessions.GetMeasurementSnapshot());
        Assert.Equal("PCMU-opus", started.Tags["codec.pair"]);
        bridge.SendDtmfToApp('9', TimeSpan.FromMilliseconds(80));
        var digit = Assert.Single(dtmf.GetMeasurementSnapshot());
        Assert.Equal("info", digit.Tags["source"]);
        Assert.Equal("phone_to_app", digit.Tags["direction"]);
        await bridge.DisposeAsync();

        Assert.Equal(0, sessions.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    private sealed class MeterFactory : IMeterFactory
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
