using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace SipCube.ConnectyCube.Rest.Tests;

public sealed class ConnectyCubeTokenCacheTests
{
    private static readonly ConnectyCubeUserCredentials Alice = ConnectyCubeUserCredentials.ForLogin("alice", "pw");

    private static Func<HttpRequestMessage, HttpResponseMessage> Session(string token) =>
        StubHandler.Reply(HttpStatusCode.Created, "{\"session\":{\"user_id\":101,\"token\":\"" + token + "\"}}");

    private static ConnectyCubeRestOptions Options() => new() { ApiUrl = new Uri("http://127.0.0.1:9/"), ApplicationId = 1, AuthKey = "k" };

    [Fact]
    public async Task Reuses_the_token_while_in_use_and_renews_before_the_sliding_expiry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var handler = new StubHandler(Session("t1"), Session("t2"));
        using var http = new HttpClient(handler);
        var cache = new ConnectyCubeTokenCache(new ConnectyCubeRestClient(http, Options(), clock), clock);

        Assert.Equal("t1", (await cache.GetSessionAsync(Alice)).Token);
        clock.Advance(TimeSpan.FromMinutes(100));
        Assert.Equal("t1", (await cache.GetSessionAsync(Alice)).Token);
        clock.Advance(TimeSpan.FromMinutes(100));
        Assert.Equal("t1", (await cache.GetSessionAsync(Alice)).Token);
        clock.Advance(TimeSpan.FromMinutes(111));
        Assert.Equal("t2", (await cache.GetSessionAsync(Alice)).Token);
    }

    [Fact]
    public async Task Retries_once_with_a_new_session_when_the_server_says_the_session_is_gone()
    {
        var handler = new StubHandler(Session("old"), Session("new"));
        using var http = new HttpClient(handler);
        var cache = new ConnectyCubeTokenCache(new ConnectyCubeRestClient(http, Options()));
        var tokens = new List<string>();

        var result = await cache.ExecuteAsync(Alice, (token, _) =>
        {
            tokens.Add(token);
            return token == "old"
                ? throw ConnectyCubeRestClient.MapError(401, """{"errors":{"base":["Required session does not exist"]}}""")
                : Task.FromResult(42);
        });

        Assert.Equal(42, result);
        Assert.Equal(["old", "new"], tokens);
    }

    [Fact]
    public async Task Does_not_retry_other_errors()
    {
        using var http = new HttpClient(new StubHandler(Session("t")));
        var cache = new ConnectyCubeTokenCache(new ConnectyCubeRestClient(http, Options()));
        var calls = 0;
        await Assert.ThrowsAsync<ConnectyCubeApiException>(() => cache.ExecuteAsync<int>(Alice, (_, _) =>
        {
            calls++;
            throw ConnectyCubeRestClient.MapError(403, "{}");
        }));
        Assert.Equal(1, calls);
    }
}
