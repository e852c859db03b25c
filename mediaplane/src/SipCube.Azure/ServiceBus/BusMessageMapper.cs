using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using SipCube.Contracts.Bus;

namespace SipCube.Azure.ServiceBus;

/// <summary>Maps <see cref="BusMessage"/> onto Service Bus messages and back; trace context rides in <c>traceparent</c>.</summary>
internal static class BusMessageMapper
{
    public static ServiceBusMessage ToServiceBus(BusMessage message)
    {
        var result = new ServiceBusMessage(BinaryData.FromBytes(message.Body))
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
            ContentType = message.ContentType,
        };
        var traceParent = message.TraceParent ?? Activity.Current?.Id;
        if (traceParent is not null)
        {
            result.ApplicationProperties[BusEntityNames.TraceParentProperty] = traceParent;
        }

        return result;
    }

    public static BusMessage FromServiceBus(ServiceBusReceivedMessage message)
        => new(message.MessageId ?? string.Empty, message.Subject ?? string.Empty, message.Body.ToMemory())
        {
            ContentType = message.ContentType ?? "application/json",
            TraceParent = message.ApplicationProperties.TryGetValue(BusEntityNames.TraceParentProperty, out var tp) ? tp as string : null,
            DeliveryCount = Math.Max(0, message.DeliveryCount - 1),
        };

    /// <summary>Starts a consumer activity whose parent is the producer's traceparent, when there is one.</summary>
    public static Activity? StartConsumerActivity(string name, BusMessage message)
    {
        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        var activity = ServiceBusTelemetry.Source.StartActivity(name, ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "servicebus");
        activity?.SetTag("messaging.message.id", message.MessageId);
        return activity;
    }
}
