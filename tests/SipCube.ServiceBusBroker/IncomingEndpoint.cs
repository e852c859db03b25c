using Amqp;
using Amqp.Framing;
using Amqp.Listener;

namespace SipCube.ServiceBusBroker;

/// <summary>
/// Receives what the SDK sends to a queue or topic. A batch arrives as one message of format
/// 0x80013700 with one Data section per encoded message; each is stored separately.
/// </summary>
internal sealed class IncomingEndpoint(IReadOnlyList<BrokerEntity> targets) : LinkEndpoint
{
    const uint BatchFormat = 0x80013700;

    public override void OnMessage(MessageContext messageContext)
    {
        foreach (var encoded in Split(messageContext.Message))
        {
            foreach (var target in targets)
            {
                target.Enqueue(encoded);
            }
        }

        messageContext.Complete();
    }

    public override void OnFlow(FlowContext flowContext)
    {
    }

    public override void OnDisposition(DispositionContext dispositionContext) => dispositionContext.Complete();

    static IEnumerable<byte[]> Split(Message message)
    {
        var sections = message.BodySection switch
        {
            DataList list => Enumerable.Range(0, list.Count).Select(i => list[i]).ToArray(),
            Data data => [data],
            _ => [],
        };
        if (message.Format == BatchFormat || (sections.Length > 0 && sections.All(LooksLikeEncodedMessage)))
        {
            return sections.Select(d => d.Binary);
        }

        return [message.Encode().ToArraySegment()];
    }

    // An encoded AMQP message starts with a described section (0x00 0x53 <code>); a JSON body never does.
    static bool LooksLikeEncodedMessage(Data data)
        => data.Binary is { Length: > 3 } b && b[0] == 0x00 && b[1] == 0x53 && b[2] is >= 0x70 and <= 0x78;
}
