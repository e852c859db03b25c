namespace SipCube.Contracts.Bus;

/// <summary>
/// One message on the bus, transport-neutral: the in-process bus passes it by reference, the
/// Service Bus adapter maps it onto an AMQP message (MessageId, Subject, ContentType, body, and
/// <see cref="TraceParent"/> as an application property).
/// </summary>
/// <remarks>
/// <see cref="MessageId"/> is the duplicate-detection key: a CDR keeps the same id on every retry so
/// the broker and the idempotent ingestion can drop repeats. Trace context per W3C Trace Context §3.2.
/// </remarks>
/// <param name="MessageId">Stable id, the same on every resend.</param>
/// <param name="Subject">What the body is (for example <c>cdr</c> or a control message type).</param>
/// <param name="Body">UTF-8 JSON body.</param>
public sealed record BusMessage(string MessageId, string Subject, ReadOnlyMemory<byte> Body)
{
    /// <summary>Media type of <see cref="Body"/>.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>W3C <c>traceparent</c> of the producing activity, carried across the bus.</summary>
    public string? TraceParent { get; init; }

    /// <summary>How many times the bus has handed this message out before (0 on first delivery).</summary>
    public int DeliveryCount { get; init; }
}
