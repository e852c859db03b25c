using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SipCube.Azure.ServiceBus;
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

        return await drain.DrainAsync(new CdrIngestionHandler(ingestion), Budget, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(7300, LogLevel.Warning, "CdrIngest skipped: {Section} is not configured")]
    static partial void NotConfigured(ILogger logger, string section);
}
