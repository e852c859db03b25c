using SipCube.Sip.Tests.Diagnostics;

namespace SipCube.Sip.Tests.Registrar;

public class RegistrationGaugeTests
{
    private const string Bindings = "sipcube.sip.registrar.bindings";

    [Fact]
    public async Task Bindings_gauge_follows_register_refresh_expiry_and_unregister()
    {
        await using var bed = new SipTestBed();
        using var recorder = new InstrumentRecorder(bed.Endpoint.Metrics.Meter);
        var first = await SipRegistrarTests.RegisterAsync(bed, "secret", 0, contact: "<sip:alice@10.0.0.2:5070>;expires=120");
        Assert.Equal(200, first.StatusCode);
        Assert.Equal(1, recorder.Sum(Bindings));

        Assert.Equal(200, (await SipRegistrarTests.RegisterAsync(bed, "secret", 0, contact: "<sip:alice@10.0.0.2:5070>;expires=120", cseq: 5)).StatusCode);
        Assert.Equal(200, (await SipRegistrarTests.RegisterAsync(bed, "secret", 0, contact: "<sip:alice@10.0.0.2:5071>", cseq: 9)).StatusCode);
        Assert.Equal(2, recorder.Sum(Bindings));

        // The 120 s binding expires without any REGISTER: the sweep must bring the gauge down.
        bed.Clock.Advance(TimeSpan.FromSeconds(121));
        bed.Location.Sweep();
        Assert.Equal(1, recorder.Sum(Bindings));

        Assert.Equal(200, (await SipRegistrarTests.RegisterAsync(bed, "secret", 0, contact: "*", expires: "Expires: 0", cseq: 20)).StatusCode);
        Assert.Equal(0, recorder.Sum(Bindings));
    }
}
