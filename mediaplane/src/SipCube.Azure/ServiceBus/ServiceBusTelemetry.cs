using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SipCube.Azure.ServiceBus;

/// <summary>
/// The bus adapter's <see cref="ActivitySource"/> and metrics (<c>sipcube.bus.*</c>), from
/// <see cref="IMeterFactory"/> so tests and exporters see them through DI.
/// </summary>
public sealed class ServiceBusTelemetry
{
    /// <summary>Name of the meter and the activity source.</summary>
    public const string Name = "SipCube.Bus";

    internal static readonly ActivitySource Source = new(Name);

    readonly Counter<long> sent;
    readonly Counter<long> received;

    /// <summary>Creates the instruments on <paramref name="meterFactory"/>'s meter.</summary>
    public ServiceBusTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(Name);
        sent = meter.CreateCounter<long>("sipcube.bus.messages.sent", "{message}", "Messages the bus accepted from this process.");
        received = meter.CreateCounter<long>("sipcube.bus.messages.settled", "{message}", "Messages this process took off the bus, by outcome.");
    }

    internal void Sent(string entity) => sent.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", entity));

    internal void Settled(string entity, string outcome)
        => received.Add(1, new("messaging.destination.name", entity), new("outcome", outcome));
}
