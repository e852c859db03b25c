using System.Diagnostics.Metrics;

namespace SipCube.Calls.ConnectyCube.Tests.Fakes;

/// <summary>An <see cref="IMeterFactory"/> whose meters a test's listener can pick out by scope.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in meters)
        {
            meter.Dispose();
        }
    }
}
