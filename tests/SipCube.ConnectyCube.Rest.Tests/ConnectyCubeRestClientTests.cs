using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace SipCube.ConnectyCube.Rest.Tests;

public sealed class ConnectyCubeRestClientTests
{
    private const string SessionJson = """{"session":{"id":1,"user_id":101,"application_id":7,"token":"tok1"}}""";

    private static ConnectyCubeRestOptions Options(string? secret = null) => new()
    {
        ApiUrl = new Uri("http://127.0.0.1:9/"),
        ApplicationId = 7,
        AuthKey = "AbC",
        AuthSecret = secret,
        InitialRetryDelay = TimeSpan.FromMilliseconds(1),
    };

    [Fact]
    public async Task Creates_a_user_session_with_the_sdk_body_and_headers()
    {
        var handler = new StubHandler(StubHandler.Reply(HttpStatusCode.Created, SessionJson));
        using var http = new HttpClient(handler);
        var client = new ConnectyCubeRestClient(http, Options());

        var session = await client.CreateSessionAsync(ConnectyCubeUserCredentials.ForLogin("alice", "secret1"));

        Assert.Equal(("tok1", 101), (session.Token, session.UserId));
        var (request, body) = handler.Seen.Single();
        Assert.Equal("http://127.0.0.1:9/session.json", request.RequestUri!.ToString());
        Assert.Equal("""{"application_id":7,"auth_key":"AbC","user":{"login":"alice","password":"secret1"}}""", body);
        Assert.True(request.Headers.Contains("CB-SDK"));
    }

    [Fact]
    public void Signed_form_worked_example()
    {
        // connectycube-protocol.md §1.3 example string; expected HMAC computed independently (Python hmac, key "s3cret").
        const string canonical = "application_id=7&auth_key=AbC&nonce=4711&timestamp=1760000000&user[login]=alice&user[password]=secret1";
        var flat = new Dictionary<string, string>
        {
            ["user[password]"] = "secret1",
            ["timestamp"] = "1760000000",
            ["application_id"] = "7",
            ["user[login]"] = "alice",
            ["nonce"] = "4711",
            ["auth_key"] = "AbC",
        };
        Assert.Equal(canonical, SessionSignature.CanonicalString(flat));
        Assert.Equal("85098d39a832e244b97cd3e40973b25925f38bd9", SessionSignature.Sign(canonical, "s3cret"));
    }

    [Fact]
    public void With_an_auth_secret_the_body_carries_nonce_timestamp_and_a_matching_signature()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1760000000));
        using var http = new HttpClient(new StubHandler());
        var client = new ConnectyCubeRestClient(http, Options("s3cret"), clock);

        var body = JsonDocument.Parse(client.BuildSessionBody(ConnectyCubeUserCredentials.ForLogin("alice", "secret1")).ToJsonString()).RootElement;

        var nonce = body.GetProperty("nonce").GetInt32();
        Assert.Equal(1760000000, body.GetProperty("timestamp").GetInt64());
        var canonical = $"application_id=7&auth_key=AbC&nonce={nonce}&timestamp=1760000000&user[login]=alice&user[password]=secret1";
        Assert.Equal(SessionSignature.Sign(canonical, "s3cret"), body.GetProperty("signature").GetString());
    }

    [Theory]
    [InlineData(401, """{"errors":{"base":["Required session does not exist"]}}""", ConnectyCubeErrorKind.SessionExpired)]
    [InlineData(401, """{"errors":["Unauthorized"]}""", ConnectyCubeErrorKind.Unauthorized)]
    [InlineData(422, """{"errors":{"login":["has already been taken"]}}""", ConnectyCubeErrorKind.InvalidRequest)]
    [InlineData(403, """{"errors":{"base":["Forbidden. Need user."]}}""", ConnectyCubeErrorKind.Forbidden)]
    [InlineData(404, "not json", ConnectyCubeErrorKind.NotFound)]
    public async Task Error_bodies_map_to_typed_errors(int status, string body, ConnectyCubeErrorKind kind)
    {
        using var http = new HttpClient(new StubHandler(StubHandler.Reply((HttpStatusCode)status, body)));
        var client = new ConnectyCubeRestClient(http, Options());
        var error = await Assert.ThrowsAsync<ConnectyCubeApiException>(() => client.GetUserAsync("t", 1));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.Status);
    }

    [Fact]
    public async Task Retries_5xx_and_network_errors_with_backoff_then_succeeds()
    {
        var handler = new StubHandler(
            StubHandler.Reply(HttpStatusCode.ServiceUnavailable, "{}"),
            StubHandler.Fail(),
            StubHandler.Reply(HttpStatusCode.Created, SessionJson));
        using var http = new HttpClient(handler);
        var client = new ConnectyCubeRestClient(http, Options());
        Assert.Equal("tok1", (await client.CreateSessionAsync(null)).Token);
        Assert.Equal(3, handler.Seen.Count);
    }

    [Fact]
    public async Task Gives_up_after_max_attempts_as_unavailable()
    {
        var handler = new StubHandler(StubHandler.Reply(HttpStatusCode.BadGateway, "<html/>"));
        using var http = new HttpClient(handler);
        var client = new ConnectyCubeRestClient(http, Options());
        var error = await Assert.ThrowsAsync<ConnectyCubeApiException>(() => client.CreateSessionAsync(null));
        Assert.Equal(ConnectyCubeErrorKind.Unavailable, error.Kind);
        Assert.Equal(3, handler.Seen.Count);
    }

    [Fact]
    public async Task Does_not_retry_client_errors()
    {
        var handler = new StubHandler(StubHandler.Reply(HttpStatusCode.UnprocessableEntity, """{"errors":["bad"]}"""));
        using var http = new HttpClient(handler);
        var client = new ConnectyCubeRestClient(http, Options());
        await Assert.ThrowsAsync<ConnectyCubeApiException>(() => client.CreateSessionAsync(null));
        Assert.Single(handler.Seen);
    }
}
