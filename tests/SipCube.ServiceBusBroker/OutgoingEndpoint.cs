using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;

namespace SipCube.ServiceBusBroker;

/// <summary>
/// Delivers peek-locked messages to an SDK receiver link. AMQPNetLite's <c>SendMessage</c> does not
/// check credit, so credit is mirrored here from the flow frames; a drain with nothing to send is
/// completed, or the SDK's receiver close blocks. Settlement arrives as unsettled dispositions:
/// accepted (complete), modified (abandon), rejected with <c>com.microsoft:dead-letter</c>, released.
/// </summary>
internal sealed class OutgoingEndpoint : LinkEndpoint
{
    static readonly Symbol LockedUntil = new("x-opt-locked-until");
    static readonly Symbol SequenceNumber = new("x-opt-sequence-number");
    static readonly Symbol EnqueuedTime = new("x-opt-enqueued-time");
    static readonly Symbol DeadLetterCondition = new("com.microsoft:dead-letter");
    static readonly Symbol LockLostCondition = new("com.microsoft:message-lock-lost");

    readonly BrokerEntity entity;
    readonly ListenerLink link;
    readonly object gate = new();
    int credit;
    bool closed;

    public OutgoingEndpoint(BrokerEntity entity, ListenerLink link)
    {
        this.entity = entity;
        this.link = link;
        entity.Available += Pump;
    }

    public override void OnFlow(FlowContext flowContext)
    {
        lock (gate)
        {
            // Same rule as ListenerLink: a non-positive delta means the peer reset its credit.
            credit = flowContext.Messages > 0 ? credit + flowContext.Messages : 0;
        }

        Pump();
    }

    public override void OnDisposition(DispositionContext dispositionContext)
    {
        var token = dispositionContext.Message.MessageAnnotations?[LockTokenTagHandler.LockTokenAnnotation] is Guid g ? g : Guid.Empty;
        var settled = dispositionContext.DeliveryState switch
        {
            Accepted => entity.Settle(token, Settlement.Complete),
            Released => entity.Settle(token, Settlement.Release),
            Modified => entity.Settle(token, Settlement.Abandon),
            Rejected { Error: { } error } when (string)error.Condition == (string)DeadLetterCondition
                => entity.Settle(token, Settlement.DeadLetter, InfoText(error, "DeadLetterReason"), InfoText(error, "DeadLetterErrorDescription")),
            Rejected => entity.Settle(token, Settlement.DeadLetter, "Rejected", null),
            _ => entity.Settle(token, Settlement.Abandon),
        };

        if (settled)
        {
            dispositionContext.Complete();
        }
        else
        {
            dispositionContext.Complete(new Error(LockLostCondition)
            {
                Description = "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.",
            });
        }
    }

    public override void OnLinkClosed(ListenerLink link, Error error)
    {
        entity.Available -= Pump;
        lock (gate)
        {
            closed = true;
        }
    }

    /// <summary>A fresh AMQP message for one delivery (or a peek) with the Service Bus annotations.</summary>
    internal static Message Annotate(BrokerMessage stored, bool peek)
    {
        var message = Message.Decode(new ByteBuffer(stored.Encoded, 0, stored.Encoded.Length, stored.Encoded.Length));
        message.MessageAnnotations ??= new MessageAnnotations();
        message.MessageAnnotations[SequenceNumber] = stored.SequenceNumber;
        message.MessageAnnotations[EnqueuedTime] = stored.EnqueuedTime.UtcDateTime;
        if (!peek)
        {
            message.MessageAnnotations[LockTokenTagHandler.LockTokenAnnotation] = stored.LockToken;
            message.MessageAnnotations[LockedUntil] = stored.LockedUntil.UtcDateTime;
        }

        message.Header ??= new Header();
        message.Header.DeliveryCount = (uint)stored.DeliveryCount;
        if (stored.DeadLetterReason is not null)
        {
            message.ApplicationProperties ??= new ApplicationProperties();
            message.ApplicationProperties["DeadLetterReason"] = stored.DeadLetterReason;
            message.ApplicationProperties["DeadLetterErrorDescription"] = stored.DeadLetterErrorDescription ?? string.Empty;
        }

        return message;
    }

    static string? InfoText(Error error, string key)
        => error.Info?.FirstOrDefault(kv => kv.Key?.ToString() == key).Value as string;

    void Pump()
    {
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            while (credit > 0 && entity.TryLockNext() is { } next)
            {
                credit--;
                link.SendMessage(Annotate(next, peek: false));
            }

            if (link.IsDraining)
            {
                link.CompleteDrain();
                credit = 0;
            }
        }
    }
}
