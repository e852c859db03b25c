using Amqp;
using Amqp.Framing;
using Amqp.Listener;

namespace SipCube.ServiceBusBroker;

/// <summary>Attaches SDK sender links to a queue/topic and receiver links to a queue/subscription/dead-letter queue.</summary>
internal sealed class EntityLinkProcessor(ServiceBusTestBroker broker) : ILinkProcessor
{
    public void Process(AttachContext attachContext)
    {
        var attach = attachContext.Attach;
        var raw = attach.Role ? ((Source)attach.Source).Address : ((Target)attach.Target).Address;
        var path = ServiceBusTestBroker.Normalize(raw ?? string.Empty);
        if (!attach.Role)
        {
            if (broker.TryGetTopic(path, out var subscriptions))
            {
                attachContext.Complete(new IncomingEndpoint(subscriptions), 100);
                return;
            }

            if (broker.TryGetEntity(path, out var queue))
            {
                attachContext.Complete(new IncomingEndpoint([queue]), 100);
                return;
            }
        }
        else if (broker.TryGetEntity(path, out var source))
        {
            attachContext.Complete(new OutgoingEndpoint(source, attachContext.Link), 0);
            return;
        }

        attachContext.Complete(new Error(ErrorCode.NotFound) { Description = "The messaging entity '" + path + "' could not be found." });
    }
}
