using Microsoft.Extensions.Logging;
using SipCube.Contracts.Cdrs;
using SipCube.ControlPlane.Http;
using SipCube.ControlPlane.Mappings;

namespace SipCube.ControlPlane.Cdrs;

/// <summary>
/// Stores CDRs idempotently by call id: a redelivered record changes nothing, a malformed one is rejected with a
/// reason and nothing of it is stored. Called by the Functions <c>CdrIngest</c> drain and the single box's bus.
/// </summary>
public sealed class CdrIngestion
{
    private readonly ICdrStore _store;
    private readonly ControlPlaneMetrics _metrics;
    private readonly ILogger<CdrIngestion> _logger;

    internal CdrIngestion(ICdrStore store, ControlPlaneMetrics metrics, ILogger<CdrIngestion> logger)
    {
        _store = store;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Validates and stores <paramref name="record"/>. Storage failures throw (retry the message).</summary>
    public async Task<CdrIngestResult> IngestAsync(CallDetailRecord record, CancellationToken cancellationToken = default)
    {
        var reason = CdrValidator.Validate(record);
        if (reason is not null)
        {
            ControlPlaneLog.CdrRejected(_logger, Problems.Clip(record?.CallId), reason);
            _metrics.CdrIngested("rejected");
            return new CdrIngestResult(CdrIngestOutcome.Rejected, reason);
        }

        var normalized = Normalize(record!);
        if (await _store.TryAddAsync(normalized, cancellationToken))
        {
            _metrics.CdrIngested("stored");
            return new CdrIngestResult(CdrIngestOutcome.Stored, null);
        }

        ControlPlaneLog.CdrDuplicate(_logger, normalized.CallId);
        _metrics.CdrIngested("duplicate");
        return new CdrIngestResult(CdrIngestOutcome.Duplicate, null);
    }

    // URIs are stored normalised so that the sipUri filter matches however the node spelled them.
    private static CallDetailRecord Normalize(CallDetailRecord record) => record with
    {
        FromSipUri = NormalizeUri(record.FromSipUri),
        ToSipUri = NormalizeUri(record.ToSipUri),
        StartUtc = record.StartUtc.ToUniversalTime(),
        AnswerUtc = record.AnswerUtc?.ToUniversalTime(),
        EndUtc = record.EndUtc.ToUniversalTime(),
    };

    private static string? NormalizeUri(string? uri) => uri is not null && SipAor.TryParse(uri, out var aor, out _) ? aor.ToString() : uri;
}
