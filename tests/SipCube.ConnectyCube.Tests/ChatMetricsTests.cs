using System.Diagnostics.Metrics;
using SipCube.ConnectyCube.Emulator;
using SipCube.ConnectyCube.Rest;
using SipCube.Xmpp.Session;

namespace SipCube.ConnectyCube.Tests;

/// <summary>
/// <c>sipcube.xmpp.connections</c> (by state) and <c>sipcube.connectycube.chat.disconnected</c> for a real chat identity
/// against the emulator, read through a <see cref="MeterListener"/> as an exporter would.
/// </summary>
public sealed class ChatMetricsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Identity_counts_as_connected_then_disconnected_when_chat_goes_away_and_is_forgotten_when_disposed()
    {
        using var meters = new OwnMeterFactory();
        using var listener = new Readings(meters);
        var metrics = new ConnectyCubeChatMetrics(meters);
        var emulator = await ConnectyCubeEmulatorHost.StartAsync(new EmulatorOptions { Url = "http://127.0.0.1:0" });
        using var http = new HttpClient();
        var rest = new ConnectyCubeRestClient(http, new ConnectyCubeRestOptions { ApiUrl = emulator.ApiUri, ApplicationId = 1, AuthKey = "sipcube-local" });
        var options = new ConnectyCubeChatOptions { ChatUrl = emulator.ChatUri, ChatDomain = "127.0.0.1", Metrics = metrics };
        var identity = await ConnectyCubeChatIdentity.StartAsync(new ConnectyCubeTokenCache(rest), ConnectyCubeUserCredentials.ForLogin("metered", "pw"), options);
        var emulatorUp = true;
        try
        {
            await identity.Chat.WaitOnlineAsync(Wait);
            var online = listener.Read();
            Assert.Equal(1, online["sipcube.xmpp.connections|connected"]);
            Assert.Equal(0, online["sipcube.xmpp.connections|reconnecting"]);
            Assert.Equal(0, online["sipcube.connectycube.chat.disconnected|"]);

            emulatorUp = false;
            await emulator.DisposeAsync();
            await WaitUntilAsync(() => listener.Read()["sipcube.xmpp.connections|reconnecting"] == 1);
            var lost = listener.Read();
            Assert.Equal(0, lost["sipcube.xmpp.connections|connected"]);
            Assert.Equal(1, lost["sipcube.connectycube.chat.disconnected|"]);
        }
        finally
        {
            await identity.DisposeAsync();
            if (emulatorUp)
            {
                await emulator.DisposeAsync();
            }
        }

        var gone = listener.Read();
        Assert.Equal(0, gone["sipcube.connectycube.chat.disconnected|"]);
        Assert.Equal(0, gone["sipcube.xmpp.connections|reconnecting"] + gone["sipcube.xmpp.connections|connected"] + gone["sipcube.xmpp.connections|connecting"]);
    }

    [Fact]
    public void A_failed_reachability_probe_raises_the_disconnected_gauge_until_one_succeeds()
    {
        using var meters = new OwnMeterFactory();
        using var listener = new Readings(meters);
        var metrics = new ConnectyCubeChatMetrics(meters);
        Assert.Equal(0, listener.Read()["sipcube.connectycube.chat.disconnected|"]);

        metrics.ReportReachability(false);
        Assert.Equal(1, listener.Read()["sipcube.connectycube.chat.disconnected|"]);

        metrics.ReportReachability(true);
        Assert.Equal(0, listener.Read()["sipcube.connectycube.chat.disconnected|"]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }

    /// <summary>Meters of one test only (tests run in parallel, each with its own instruments).</summary>
    private sealed class OwnMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            lock (_meters)
            {
                _meters.Add(meter);
            }

            return meter;
        }

        public bool Owns(Meter meter)
        {
            lock (_meters)
            {
                return _meters.Contains(meter);
            }
        }

        public void Dispose()
        {
            lock (_meters)
            {
                _meters.ForEach(m => m.Dispose());
            }
        }
    }

    /// <summary>The last observation of each observable instrument of one factory, keyed <c>name|state tag</c>.</summary>
    private sealed class Readings : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);

        public Readings(OwnMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (meters.Owns(instrument.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.Start();
        }

        public Dictionary<string, long> Read()
        {
            lock (_last)
            {
                _last.Clear();
                _listener.RecordObservableInstruments();
                return new Dictionary<string, long>(_last, StringComparer.Ordinal);
            }
        }

        public void Dispose() => _listener.Dispose();

        private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var state = string.Empty;
            foreach (var tag in tags)
            {
                if (tag.Key == "state")
                {
                    state = (string)tag.Value!;
                }
            }

            _last[instrument.Name + "|" + state] = value;
        }
    }
}
