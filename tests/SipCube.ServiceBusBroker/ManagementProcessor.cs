using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;

namespace SipCube.ServiceBusBroker;

/// <summary>
/// <c>&lt;entity&gt;/$management</c>: <c>com.microsoft:renew-lock</c> and <c>com.microsoft:peek-message</c>.
/// Replies carry camelCase <c>statusCode</c>/<c>statusDescription</c> (unlike <c>$cbs</c>).
/// </summary>
internal sealed class ManagementProcessor(BrokerEntity entity) : IRequestProcessor
{
    public int Credit => 100;

    public void Process(RequestContext requestContext)
    {
        var request = requestContext.Message;
        var operation = request.ApplicationProperties?["operation"] as string;
        var body = request.Body as Map;
        var response = operation switch
        {
            "com.microsoft:renew-lock" => RenewLock(body),
            "com.microsoft:peek-message" => Peek(body),
            _ => Reply(501, "operation " + operation + " is not supported by the test broker", null),
        };
        response.Properties = new Properties { CorrelationId = request.Properties?.MessageId };
        requestContext.Complete(response);
    }

    Message RenewLock(Map? body)
    {
        if (body?["lock-tokens"] is not Guid[] tokens)
        {
            return Reply(400, "lock-tokens missing", null);
        }

        var expirations = new DateTime[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            var until = entity.RenewLock(tokens[i]);
            if (until is null)
            {
                var lost = Reply(410, "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.", null);
                lost.ApplicationProperties["errorCondition"] = new Symbol("com.microsoft:message-lock-lost");
                return lost;
            }

            expirations[i] = until.Value.UtcDateTime;
        }

        return Reply(200, "OK", new Map { ["expirations"] = expirations });
    }

    Message Peek(Map? body)
    {
        var from = body?["from-sequence-number"] is long f ? f : 0;
        var count = body?["message-count"] is int c ? c : 1;
        var found = entity.Peek(from, count);
        if (found.Count == 0)
        {
            return Reply(204, "No messages", null);
        }

        var list = new List();
        foreach (var message in found)
        {
            list.Add(new Map { ["message"] = OutgoingEndpoint.Annotate(message, peek: true).Encode().ToArraySegment() });
        }

        return Reply(200, "OK", new Map { ["messages"] = list });
    }

    static Message Reply(int status, string description, Map? body)
    {
        var message = new Message(body) { ApplicationProperties = new ApplicationProperties() };
        message.ApplicationProperties["statusCode"] = status;
        message.ApplicationProperties["statusDescription"] = description;
        return message;
    }
}
