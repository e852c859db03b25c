namespace SipCube.Sip.Tests.Diagnostics;

public class SipMetricsTests
{
    private const string Duration = "sipcube.sip.response.duration";

    private static string Request(string method) => $"""
        {method} sip:example.com SIP/2.0
        Via: SIP/2.0/UDP 10.0.0.2:5070;branch=z9hG4bKm-{method}
        Max-Forwards: 70
        From: <sip:alice@example.com>;tag=a1
        To: <sip:example.com>
        Call-ID: metrics-{method}
        CSeq: 1 {method}
        Content-Length: 0


        """;

    [Fact]
    public async Task Response_duration_is_recorded_once_per_final_response_with_method_and_status_class()
    {
        await using var bed = new SipTestBed();
        using var recorder = new InstrumentRecorder(bed.Endpoint.Metrics.Meter);
        await bed.SendAsync(Request("OPTIONS"));
        await bed.SendAsync(Request("INVITE"));
        await bed.SendAsync(Request("FROBNICATE"));
        await bed.SendAsync(SipTestBed.Register());
        Assert.Equal(5, bed.Received().Count); // INVITE got 100 Trying first: provisional, not a final response

        var recorded = recorder.Of(Duration).Select(m => $"{m.Tags["method"]} {m.Tags["status_class"]}").Order(StringComparer.Ordinal);
        Assert.Equal(["INVITE 4xx", "OPTIONS 2xx", "REGISTER 4xx", "other 5xx"], recorded);
        Assert.All(recorder.Of(Duration), m => Assert.InRange(m.Value, 0, 60_000));

        // A retransmission is answered from the transaction and is not a second measurement.
        await bed.SendAsync(Request("OPTIONS"));
        Assert.Equal(200, bed.Single().StatusCode);
        Assert.Equal(4, recorder.Of(Duration).Count);
    }
}
