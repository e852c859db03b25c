using System.Net;
using System.Text;

namespace SipCube.ConnectyCube.Rest.Tests;

/// <summary>Answers requests from a queue of canned responses and records what it saw.</summary>
internal sealed class StubHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] responses) : HttpMessageHandler
{
    private int _next;

    public List<(HttpRequestMessage Request, string? Body)> Seen { get; } = [];

    public static Func<HttpRequestMessage, HttpResponseMessage> Reply(HttpStatusCode status, string body) =>
        _ => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public static Func<HttpRequestMessage, HttpResponseMessage> Fail() =>
        _ => throw new HttpRequestException("connection refused");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Seen.Add((request, body));
        return responses[Math.Min(_next++, responses.Length - 1)](request);
    }
}
