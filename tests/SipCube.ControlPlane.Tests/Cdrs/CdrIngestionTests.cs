using SipCube.ControlPlane.Cdrs;
using SipCube.ControlPlane.Tests.Storage;

namespace SipCube.ControlPlane.Tests.Cdrs;

public sealed class CdrIngestionTests : IDisposable
{
    private readonly ControlPlaneHarness _harness = new();

    private CdrIngestion Ingestion => _harness.Get<CdrIngestion>();

    [Fact]
    public async Task First_delivery_is_stored_and_a_redelivery_is_a_harmless_duplicate()
    {
        var cdr = TestRecords.Cdr("call-1", TestRecords.T0);

        Assert.Equal(CdrIngestOutcome.Stored, (await Ingestion.IngestAsync(cdr)).Outcome);
        var again = await Ingestion.IngestAsync(cdr);

        Assert.Equal(CdrIngestOutcome.Duplicate, again.Outcome);
        Assert.True(again.IsSettled);
    }

    [Fact]
    public async Task Sip_uris_are_stored_normalised()
    {
        await Ingestion.IngestAsync(TestRecords.Cdr("call-1", TestRecords.T0, from: "sip:1001@EXAMPLE.com"));

        var stored = await _harness.Get<ICdrStore>().GetAsync("call-1", default);

        Assert.Equal("sip:1001@example.com", stored!.FromSipUri);
    }

    public static TheoryData<string, Func<Contracts.Cdrs.CallDetailRecord, Contracts.Cdrs.CallDetailRecord>> Malformed() => new()
    {
        { "callId", c => c with { CallId = "" } },
        { "callId", c => c with { CallId = "has space" } },
        { "callId", c => c with { CallId = new string('x', 300) } },
        { "endUtc", c => c with { EndUtc = c.StartUtc.AddSeconds(-1) } },
        { "answerUtc", c => c with { AnswerUtc = c.EndUtc.AddSeconds(1) } },
        { "durationMs", c => c with { DurationMs = -1 } },
        { "durationMs", c => c with { DurationMs = 10_000_000 } },
        { "terminationCause", c => c with { TerminationCause = " " } },
        { "mediaNodeId", c => c with { MediaNodeId = "" } },
        { "sipStatus", c => c with { SipStatus = 99 } },
        { "fromSipUri", c => c with { FromSipUri = "http://x" } },
        { "direction", c => c with { Direction = (Contracts.Cdrs.CallDirection)99 } },
        { "sipLeg", c => c with { SipLeg = new Contracts.Cdrs.CallLegRecord { PacketsSent = -1 } } },
        { "webRtcLeg.mos", c => c with { WebRtcLeg = new Contracts.Cdrs.CallLegRecord { Mos = 7 } } },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_record_is_rejected_with_a_reason_and_nothing_is_stored(string field, Func<Contracts.Cdrs.CallDetailRecord, Contracts.Cdrs.CallDetailRecord> breakIt)
    {
        var cdr = breakIt(TestRecords.Cdr("call-x", TestRecords.T0));

        var result = await Ingestion.IngestAsync(cdr);

        Assert.Equal(CdrIngestOutcome.Rejected, result.Outcome);
        Assert.False(result.IsSettled);
        Assert.Contains(field, result.Reason, StringComparison.Ordinal);
        var all = await _harness.Get<ICdrStore>().QueryAsync(new CdrQuery(DateTimeOffset.MinValue.AddYears(1), DateTimeOffset.MaxValue.AddYears(-1), null, null, 10, null), default);
        Assert.Empty(all.Items);
    }

    public void Dispose() => _harness.Dispose();
}
