using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amqp;
using Amqp.Framing;
using Amqp.Listener;

namespace SipCube.ServiceBusBroker;

/// <summary>
/// <c>$cbs</c> put-token: checks the SAS token the SDK sends (key name, HMAC-SHA256 signature over
/// <c>url-encoded-resource + "\n" + expiry</c>, expiry) and answers status-code 200 or 401.
/// </summary>
internal sealed class CbsProcessor(string keyName, string key, TimeProvider time) : IRequestProcessor
{
    public int Credit => 100;

    public void Process(RequestContext requestContext)
    {
        var request = requestContext.Message;
        var operation = request.ApplicationProperties?["operation"] as string;
        var token = request.Body as string;
        var (status, description) = operation == "put-token" && token is not null
            ? Validate(token)
            : (400, "expected put-token with a SAS string body");

        var response = new Message
        {
            Properties = new Properties { CorrelationId = request.Properties?.MessageId },
            ApplicationProperties = new ApplicationProperties(),
        };
        response.ApplicationProperties["status-code"] = status;
        response.ApplicationProperties["status-description"] = description;
        requestContext.Complete(response);
    }

    (int Status, string Description) Validate(string token)
    {
        const string Prefix = "SharedAccessSignature ";
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return (401, "not a SharedAccessSignature");
        }

        var fields = token[Prefix.Length..].Split('&')
            .Select(part => part.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("sr", out var resource) || !fields.TryGetValue("sig", out var signature)
            || !fields.TryGetValue("se", out var expiry) || !fields.TryGetValue("skn", out var name))
        {
            return (401, "SAS token lacks sr, sig, se or skn");
        }

        if (name != keyName)
        {
            return (401, "unknown SAS key name " + name);
        }

        if (!long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            || DateTimeOffset.FromUnixTimeSeconds(expiresAt) < time.GetUtcNow())
        {
            return (401, "SAS token expired");
        }

        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(resource + "\n" + expiry)));
        var presented = Uri.UnescapeDataString(signature);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(presented))
            ? (200, "OK")
            : (401, "InvalidSignature: the token has an invalid signature");
    }
}
