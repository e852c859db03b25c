using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SipCube.ConnectyCube.Emulator.Directory;
using SipCube.ConnectyCube.Emulator.Rest;

namespace SipCube.ConnectyCube.Emulator.Tests;

public sealed class EmulatorRestTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task First_login_creates_the_user_with_an_integer_id_and_returns_201()
    {
        using var response = await emulator.Http.PostAsJsonAsync("/session.json", new
        {
            application_id = 1,
            auth_key = "sipcube-local",
            user = new { login = "first-login", password = "pw1" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var session = doc.RootElement.GetProperty("session");
        Assert.True(session.GetProperty("user_id").GetInt32() > 0);
        Assert.Equal("first-login", session.GetProperty("user").GetProperty("login").GetString());
        Assert.Equal(40, session.GetProperty("token").GetString()!.Length);
    }

    [Fact]
    public async Task Wrong_password_gets_401_unauthorized()
    {
        await emulator.LoginAsync("wrong-pw", "right");
        using var response = await emulator.Http.PostAsJsonAsync("/session.json", new
        {
            application_id = 1,
            auth_key = "sipcube-local",
            user = new { login = "wrong-pw", password = "wrong" },
        });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("{\"errors\":[\"Unauthorized\"]}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Users_of_different_applications_are_kept_apart()
    {
        var (inApp1, _) = await emulator.LoginAsync("same-login", "a", applicationId: 1);
        var (inApp2, token2) = await emulator.LoginAsync("same-login", "b", applicationId: 2);
        Assert.NotEqual(inApp1, inApp2);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/users/{inApp1}.json");
        request.Headers.Add("CB-Token", token2);
        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_token_gets_the_session_expired_error_the_sdk_recognises()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/session.json");
        request.Headers.Add("CB-Token", "0000");
        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("{\"errors\":{\"base\":[\"Required session does not exist\"]}}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Preflight_allows_the_sdk_headers_and_echoes_the_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/session.json");
        request.Headers.Add("Origin", "http://localhost:5173");
        request.Headers.Add("Access-Control-Request-Headers", "cb-sdk,content-type,cb-token");
        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:5173", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("CB-Token", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_up_then_get_user_by_id()
    {
        var (_, token) = await emulator.LoginAsync("signup-owner", "pw");
        using var create = new HttpRequestMessage(HttpMethod.Post, "/users.json")
        {
            Content = JsonContent.Create(new { user = new { login = "signed-up", password = "pw2", full_name = "Signed Up" } }),
        };
        create.Headers.Add("CB-Token", token);
        using var created = await emulator.Http.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("user").GetProperty("id").GetInt32();

        using var again = new HttpRequestMessage(HttpMethod.Post, "/users.json")
        {
            Content = JsonContent.Create(new { user = new { login = "signed-up", password = "x" } }),
        };
        again.Headers.Add("CB-Token", token);
        using var taken = await emulator.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);

        using var get = new HttpRequestMessage(HttpMethod.Get, $"/users/{id}.json");
        get.Headers.Add("CB-Token", token);
        using var got = await emulator.Http.SendAsync(get);
        Assert.Equal("Signed Up", JsonDocument.Parse(await got.Content.ReadAsStringAsync()).RootElement.GetProperty("user").GetProperty("full_name").GetString());
    }

    [Fact]
    public async Task Broken_json_gets_400_and_the_server_keeps_serving()
    {
        using var response = await emulator.Http.PostAsync("/session.json", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await emulator.LoginAsync("after-broken", "pw");
    }

    [Fact]
    public void Sessions_expire_two_hours_after_the_last_request_not_after_creation()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var directory = new EmulatorDirectory(new EmulatorOptions(), clock);
        var session = directory.CreateSession(1, 0);
        clock.Advance(TimeSpan.FromMinutes(100));
        Assert.NotNull(directory.Touch(session.Token));
        clock.Advance(TimeSpan.FromMinutes(100));
        Assert.NotNull(directory.Touch(session.Token));
        clock.Advance(TimeSpan.FromMinutes(121));
        Assert.Null(directory.Touch(session.Token));
    }

    [Fact]
    public void Legacy_signature_worked_example()
    {
        // The string the legacy SDKs sign: flattened, sorted, raw values (connectycube-protocol.md §1.3).
        var body = JsonDocument.Parse("""
            {"application_id":7,"auth_key":"AbC","nonce":4711,"timestamp":1760000000,"user":{"login":"alice","password":"secret1"}}
            """).RootElement;
        Assert.Equal(
            "application_id=7&auth_key=AbC&nonce=4711&timestamp=1760000000&user[login]=alice&user[password]=secret1",
            LegacySignature.CanonicalString(body));

        // HMAC-SHA1 keyed "s3cret", computed independently with Python's hmac module.
        Assert.Equal("85098d39a832e244b97cd3e40973b25925f38bd9", LegacySignature.Sign(LegacySignature.CanonicalString(body), "s3cret"));
    }
}
