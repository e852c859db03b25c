using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using SipCube.Xmpp.Session;

namespace SipCube.Xmpp.Tests.Session;

/// <summary><c>sipcube.xmpp.connections</c> by state, read through a <see cref="MeterListener"/> (an in-memory exporter).</summary>
public sealed class XmppConnectionMetricsTests
{
    [Fact]
    public async Task A_client_that_cannot_reach_its_server_counts_as_connecting_until_disposed()
    {
        using var meters = new OwnMeterFactory();
        var metrics = new XmppMetrics(meters);
        using var listener = new ConnectionsListener(meters);
        var client = new XmppClient(
            new XmppClientOptions { ServiceUri = new Uri($"ws://127.0.0.1:{ClosedPort()}/ws"), InitialReconnectDelay = TimeSpan.FromMilliseconds(20) },
            (_, _) => ValueTask.FromResult(new XmppCredentials("u", "p", "127.0.0.1")),
            metrics: metrics);
        Assert.Equal(XmppConnectionState.None, client.State);

        client.Start();
        await WaitUntilAsync(() => listener.Read()["connecting"] == 1);
        Assert.Equal(0, listener.Read()["connected"]);
        Assert.Equal(0, listener.Read()["reconnecting"]);
        Assert.Equal(XmppConnectionState.Connecting, client.State);

        await client.DisposeAsync();
        Assert.Equal(XmppConnectionState.None, client.State);
        Assert.All(listener.Read().Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public void Transitions_move_one_unit_between_states()
    {
        using var meters = new OwnMeterFactory();
        var metrics = new XmppMetrics(meters);
        metrics.Transition(XmppConnectionState.None, XmppConnectionState.Connecting);
        metrics.Transition(XmppConnectionState.Connecting, XmppConnectionState.Connected);
        metrics.Transition(XmppConnectionState.None, XmppConnectionState.Connecting);
        metrics.Transition(XmppConnectionState.Connected, XmppConnectionState.Reconnecting);

        Assert.Equal(1, metrics.Count(XmppConnectionState.Connecting));
        Assert.Equal(0, metrics.Count(XmppConnectionState.Connected));
        Assert.Equal(1, metrics.Count(XmppConnectionState.Reconnecting));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }

    private static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
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

    /// <summary>Collects the last observation of <c>sipcube.xmpp.connections</c> per state tag of one meter instance.</summary>
    private sealed class ConnectionsListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);

        public ConnectionsListener(OwnMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "sipcube.xmpp.connections" && meters.Owns(instrument.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "state")
                    {
                        _last[(string)tag.Value!] = value;
                    }
                }
            });
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
    }
}
