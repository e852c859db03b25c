using System.Reflection;
using Amqp;
using Amqp.Handler;
using Amqp.Types;

namespace SipCube.ServiceBusBroker;

/// <summary>
/// Makes the delivery tag the 16-byte lock token: the SDK reads the lock token only from the delivery
/// tag, while AMQPNetLite's listener would use a 4-byte counter. AMQPNetLite raises
/// <see cref="EventId.SendDelivery"/> before it assigns its own tag; its <c>Delivery</c> type is
/// internal, hence the reflection (test-only code).
/// </summary>
internal sealed class LockTokenTagHandler : IHandler
{
    internal static readonly Symbol LockTokenAnnotation = new("x-opt-lock-token");
    static readonly Type DeliveryType = typeof(Message).Assembly.GetType("Amqp.Delivery", throwOnError: true)!;
    static readonly PropertyInfo TagProperty = DeliveryType.GetProperty("Tag", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!;
    static readonly PropertyInfo MessageProperty = DeliveryType.GetProperty("Message", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!;

    public bool CanHandle(EventId id) => id == EventId.SendDelivery;

    public void Handle(Event protocolEvent)
    {
        var delivery = protocolEvent.Context;
        if (delivery is null || MessageProperty.GetValue(delivery) is not Message message)
        {
            return;
        }

        if (message.MessageAnnotations?[LockTokenAnnotation] is Guid lockToken)
        {
            TagProperty.SetValue(delivery, lockToken.ToByteArray());
        }
    }
}
