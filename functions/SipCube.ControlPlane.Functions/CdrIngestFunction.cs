using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SipCube.Azure.ServiceBus;
using SipCube.Contracts;
using SipCube.Contracts.Bus;
using SipCube.ControlPlane.Cdrs;

namespace SipCube.ControlPlane.Functions;

/// <summary>
/// Timer-triggered drain of the Service Bus queue <c>cdr</c> (the isolated worker's Service Bus trigger is
/// not available here): peek-lock batches into the idempotent <see cref="CdrIngestion"/>, completing each
/// stored or duplicate CDR, dead-lettering malformed ones with the reason, and stopping
/// <see cref="ServiceBusCdrDrain.SafetyMargin"/> before <see cref="Budget"/> so no lock lapses mid-batch.
/// Runs every minute; the timer trigger never overlaps runs of one function.
/// </summary>
public sealed partial class CdrIngestFunction(IServiceProvider services, CdrIngestion ingestion, ILogger<CdrIngestFunction> logger)
{
    /// <summary>Time one run may take: less than the one-minute schedule.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(50);

    /// <summary>Drains the queue once.</summary>
    [Function("CdrIngest")]
    public Task RunAsync([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
        => DrainOnceAsync(cancellationToken);

    /// <summary>One drain run; what it did.</summary>
    internal async Task<CdrDrainResult> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var drain = services.GetService<ServiceBusCdrDrain>();
        if (drain is null)
        {
            NotConfigured(logger, ServiceBusOptions.SectionName);
            return default;
        }

        return await drain.DrainAsync(new IngestionHandler(ingestion), Budget, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(7300, LogLevel.Warning, "CdrIngest skipped: {Section} is not configured")]
    static partial void NotConfigured(ILogger logger, string section);

    /// <summary>Decodes a CDR message and stores it through <see cref="CdrIngestion"/>.</summary>
    sealed class IngestionHandler(CdrIngestion ingestion) : ICdrHandler
    {
        public async Task<CdrHandlingResult> HandleAsync(BusMessage cdr, CancellationToken cancellationToken)
        {
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
}
