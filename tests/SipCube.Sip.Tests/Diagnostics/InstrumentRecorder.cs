using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SipCube.Sip.Tests.Diagnostics;

/// <summary>Records the measurements of one <see cref="Meter"/> instance (other tests' meters are ignored).</summary>
internal sealed class InstrumentRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public InstrumentRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)> Measurements { get; } = new();

    public double Sum(string name) => Measurements.Where(m => m.Name == name).Sum(m => m.Value);

    public List<(double Value, Dictionary<string, object?> Tags)> Of(string name) =>
        Measurements.Where(m => m.Name == name).Select(m => (m.Value, m.Tags)).ToList();

    public void Dispose() => _listener.Dispose();

    private void Add(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        Measurements.Enqueue((name, value, copy));
    }
}
