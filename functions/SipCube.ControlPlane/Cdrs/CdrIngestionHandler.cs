using System.Text.Json;
using SipCube.Contracts;
using SipCube.Contracts.Bus;

namespace SipCube.ControlPlane.Cdrs;

/// <summary>
/// Decodes a CDR bus message and stores it through the idempotent <see cref="CdrIngestion"/>: the one handler
/// behind the single box's in-process bus and the Functions app's Service Bus drain.
/// </summary>
public sealed class CdrIngestionHandler(CdrIngestion ingestion) : ICdrHandler
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
