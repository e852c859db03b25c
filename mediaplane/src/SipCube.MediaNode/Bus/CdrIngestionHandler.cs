using System.Text.Json;
using SipCube.Contracts;
using SipCube.Contracts.Bus;
using SipCube.ControlPlane.Cdrs;

namespace SipCube.MediaNode.Bus;

/// <summary>
/// The single box's <see cref="ICdrHandler"/>: decodes the CDR JSON and stores it through the control
/// plane's idempotent <see cref="CdrIngestion"/> in the same process.
/// </summary>
internal sealed class CdrIngestionHandler(CdrIngestion ingestion) : ICdrHandler
{
    /// <inheritdoc />
    public async Task<CdrHandlingResult> HandleAsync(BusMessage cdr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cdr);
        Contracts.Cdrs.CallDetailRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(cdr.Body.Span, ContractsJsonContext.Default.CallDetailRecord);
        }
        catch (JsonException ex)
        {
            return CdrHandlingResult.Malformed("invalid CDR JSON: " + ex.Message);
        }

        if (record is null)
        {
            return CdrHandlingResult.Malformed("empty CDR");
        }

        var result = await ingestion.IngestAsync(record, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            CdrIngestOutcome.Stored => CdrHandlingResult.Stored,
            CdrIngestOutcome.Duplicate => CdrHandlingResult.Duplicate,
            _ => CdrHandlingResult.Malformed(result.Reason ?? "rejected"),
        };
    }
}
