using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SipCube.ConnectyCube.Emulator;
using SipCube.ConnectyCube.Rest;
using SipCube.Testing;

namespace SipCube.ControlPlane.Tests.Tokens;

/// <summary><c>POST /api/tokens</c> through the shared dispatcher against the real ConnectyCube emulator on 127.0.0.1.</summary>
public sealed class TokenHandlersTests
{
    private const string Phone = """{"sipUri":"sip:1001@example.com","sipPassword":"sip-pw","connectyCube":{"login":"phone-1001","password":"pw-1001"}}""";

    [Fact]
    public async Task Minting_by_sip_uri_returns_a_working_token_for_the_stored_identity_and_no_secret()
    {
        await using var emulator = await StartEmulatorAsync();
        using var host = new TokenTestHost(Options(emulator));
        await host.CreateMappingAsync(Phone);

        // The AOR is normalised like every mapping key: host case does not matter.
        var result = await host.MintAsync("""{"sipUri":"sip:1001@EXAMPLE.com"}""");

        Assert.True(result.StatusCode == 200, result.Text());
        Assert.Equal("no-store", result.Header("Cache-Control"));
        var body = result.Json();
        var token = body.GetProperty("token").GetString()!;
        var userId = body.GetProperty("userId").GetInt64();
        Assert.Equal(emulator.FindUserId(1, "phone-1001"), (int)userId);
        Assert.DoesNotContain("pw-1001", result.Text(), StringComparison.Ordinal);
        var expiresText = body.GetProperty("expiresAt").GetString()!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", expiresText);
        var expiresAt = DateTimeOffset.Parse(expiresText, CultureInfo.InvariantCulture);
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(110), TimeSpan.FromMinutes(121));

        using var http = new HttpClient();
        var session = await new ConnectyCubeRestClient(http, Options(emulator)).GetSessionAsync(token);
        Assert.Equal(userId, session.UserId);
    }

    [Fact]
    public async Task Minting_by_connectycube_user_id_finds_the_mapping_through_its_index()
    {
        await using var emulator = await StartEmulatorAsync();
        using var http = new HttpClient();
        var existing = await new ConnectyCubeRestClient(http, Options(emulator)).CreateSessionAsync(ConnectyCubeUserCredentials.ForLogin("alias-7", "pw-7"));
        using var host = new TokenTestHost(Options(emulator));
        await host.CreateMappingAsync($$$"""{"sipUri":"sip:7@example.com","connectyCubeUserId":{{{existing.UserId}}},"connectyCube":{"login":"alias-7","password":"pw-7"}}""");

        var result = await host.MintAsync($$"""{"connectyCubeUserId":{{existing.UserId}}}""");

        Assert.True(result.StatusCode == 200, result.Text());
        Assert.Equal(existing.UserId, result.Json().GetProperty("userId").GetInt32());
        Assert.NotEqual(existing.Token, result.Json().GetProperty("token").GetString());
    }

    [Theory]
    [InlineData("""{"sipUri":"sip:nobody@example.com"}""")]
    [InlineData("""{"connectyCubeUserId":987654}""")]
    public async Task Unknown_mappings_are_404_problems(string body)
    {
        await using var emulator = await StartEmulatorAsync();
        using var host = new TokenTestHost(Options(emulator));
        await host.CreateMappingAsync(Phone);

        (await host.MintAsync(body)).AssertProblem(404);
    }

    [Fact]
    public async Task A_mapping_without_connectycube_credentials_is_a_409_problem()
    {
        await using var emulator = await StartEmulatorAsync();
        using var host = new TokenTestHost(Options(emulator));
        await host.CreateMappingAsync("""{"sipUri":"sip:1002@example.com","connectyCubeUserId":55,"sipPassword":"x"}""");

        var bySip = await host.MintAsync("""{"sipUri":"sip:1002@example.com"}""");
        var byId = await host.MintAsync("""{"connectyCubeUserId":55}""");

        bySip.AssertProblem(409);
        byId.AssertProblem(409);
        Assert.True(bySip.Json().GetProperty("errors").TryGetProperty("connectyCube", out _));
    }

    [Theory]
    [InlineData("""{"sipUri":"sip:1001@example.com","connectyCubeUserId":42}""", "connectyCubeUserId")]
    [InlineData("""{}""", "sipUri")]
    [InlineData("""{"sipUri":null}""", "sipUri")]
    [InlineData("""{"sipUri":"tel:+15551234"}""", "sipUri")]
    [InlineData("""{"sipUri":"sip:1001@example.com:5060"}""", "sipUri")]
    [InlineData("""{"connectyCubeUserId":0}""", "connectyCubeUserId")]
    [InlineData("""{"connectyCubeUserId":-3}""", "connectyCubeUserId")]
    [InlineData("""{"sipUri":5}""", "$.sipUri")]
    [InlineData("""{"connectyCubeUserId":"42"}""", "$.connectyCubeUserId")]
    [InlineData("""{"connectyCubeUserId":4.5}""", "$.connectyCubeUserId")]
    [InlineData("""{"sipURI":"sip:1001@example.com"}""", null)]
    [InlineData("""[]""", null)]
    [InlineData("""null""", null)]
    [InlineData("""not json""", null)]
    [InlineData("", null)]
    public async Task Bad_bodies_are_400_problems_and_never_reach_connectycube(string body, string? field)
    {
        using var host = new TokenTestHost(new ConnectyCubeRestOptions { ApiUrl = new Uri($"http://127.0.0.1:{FreePort.Tcp()}"), ApplicationId = 1, AuthKey = "k" });
        await host.CreateMappingAsync(Phone);

        var result = await host.MintAsync(body);

        result.AssertProblem(400);
        if (field is not null)
        {
            Assert.True(result.Json().GetProperty("errors").TryGetProperty(field, out _), result.Text());
        }
    }

    [Fact]
    public async Task A_non_json_content_type_is_415()
    {
        using var host = new TokenTestHost(null);
        (await host.SendAsync(ControlPlane.Http.ControlPlaneRoutes.TokensCreate, "sipUri=sip:1@a", "application/x-www-form-urlencoded")).AssertProblem(415);
    }

    [Fact]
    public void Legacy_signature_worked_example()
    {
        // connectycube-protocol.md §1.3: flattened parameters sorted ordinally, joined with '&', HMAC-SHA1 keyed with
        // the auth secret, lowercase hex. Independently: python3 hmac.new(b"s3cret", canonical, sha1).hexdigest().
        const string Canonical = "application_id=1&auth_key=sipcube-local&nonce=4711&timestamp=1700000000&user[login]=alice&user[password]=pw-alice";
        var parameters = new Dictionary<string, string>
        {
            ["user[password]"] = "pw-alice",
            ["timestamp"] = "1700000000",
            ["auth_key"] = "sipcube-local",
            ["user[login]"] = "alice",
            ["nonce"] = "4711",
            ["application_id"] = "1",
        };

        Assert.Equal(Canonical, SessionSignature.CanonicalString(parameters));
        Assert.Equal("ac380559555d26066fac7778997cc185b5af9237", SessionSignature.Sign(Canonical, "s3cret"));
    }

    [Fact]
    public async Task With_an_auth_secret_the_session_request_is_signed_and_a_checking_emulator_accepts_it()
    {
        await using var emulator = await StartEmulatorAsync("s3cret");
        using var recorder = new RecordingHandler();
        using var host = new TokenTestHost(Options(emulator, "s3cret"), recorder);
        await host.CreateMappingAsync(Phone);

        var result = await host.MintAsync("""{"sipUri":"sip:1001@example.com"}""");

        Assert.True(result.StatusCode == 200, result.Text());
        Assert.True(recorder.Bodies.TryDequeue(out var sent));
        using var json = JsonDocument.Parse(sent);
        var root = json.RootElement;
        var user = root.GetProperty("user");
        var canonical = string.Create(CultureInfo.InvariantCulture,
            $"application_id={root.GetProperty("application_id").GetInt32()}&auth_key={root.GetProperty("auth_key").GetString()}"
            + $"&nonce={root.GetProperty("nonce").GetInt64()}&timestamp={root.GetProperty("timestamp").GetInt64()}"
            + $"&user[login]={user.GetProperty("login").GetString()}&user[password]={user.GetProperty("password").GetString()}");
#pragma warning disable CA5350 // the legacy protocol is HMAC-SHA1; this recomputes it independently of the client
        var expected = Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes(canonical)));
#pragma warning restore CA5350
        Assert.Equal(expected, root.GetProperty("signature").GetString());
        Assert.Equal("phone-1001", user.GetProperty("login").GetString());
    }

    [Fact]
    public async Task A_wrong_auth_secret_is_refused_upstream_and_answered_502()
    {
        await using var emulator = await StartEmulatorAsync("s3cret");
        using var host = new TokenTestHost(Options(emulator, "not-the-secret"));
        await host.CreateMappingAsync(Phone);

        (await host.MintAsync("""{"sipUri":"sip:1001@example.com"}""")).AssertProblem(502);
    }

    [Fact]
    public async Task Stored_credentials_that_connectycube_refuses_are_a_502_problem_without_the_password()
    {
        await using var emulator = await StartEmulatorAsync();
        using var http = new HttpClient();
        await new ConnectyCubeRestClient(http, Options(emulator)).CreateSessionAsync(ConnectyCubeUserCredentials.ForLogin("phone-1001", "the-real-one"));
        using var host = new TokenTestHost(Options(emulator));
        await host.CreateMappingAsync(Phone);

        var result = await host.MintAsync("""{"sipUri":"sip:1001@example.com"}""");

        result.AssertProblem(502);
        Assert.DoesNotContain("pw-1001", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_connectycube_is_a_503_problem_with_retry_after()
    {
        var rest = new ConnectyCubeRestOptions
        {
            ApiUrl = new Uri($"http://127.0.0.1:{FreePort.Tcp()}"),
            ApplicationId = 1,
            AuthKey = "sipcube-local",
            MaxAttempts = 2,
            InitialRetryDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        using var host = new TokenTestHost(rest);
        await host.CreateMappingAsync(Phone);

        var result = await host.MintAsync("""{"sipUri":"sip:1001@example.com"}""");

        result.AssertProblem(503);
        Assert.NotNull(result.Header("Retry-After"));
    }

    [Fact]
    public async Task Without_a_configured_application_the_route_answers_503_not_500()
    {
        using var host = new TokenTestHost(null);
        await host.CreateMappingAsync(Phone);

        (await host.MintAsync("""{"sipUri":"sip:1001@example.com"}""")).AssertProblem(503);
    }

    [Fact]
    public async Task Tokens_and_passwords_never_reach_the_log()
    {
        await using var emulator = await StartEmulatorAsync();
        using var host = new TokenTestHost(Options(emulator));
        await host.CreateMappingAsync(Phone);
        await host.CreateMappingAsync("""{"sipUri":"sip:1003@example.com","connectyCube":{"login":"phone-1001","password":"wrong-pw-1003"}}""");

        var minted = await host.MintAsync("""{"sipUri":"sip:1001@example.com"}""");
        var refused = await host.MintAsync("""{"sipUri":"sip:1003@example.com"}""");

        Assert.Equal(200, minted.StatusCode);
        refused.AssertProblem(502);
        var token = minted.Json().GetProperty("token").GetString()!;
        var log = string.Join('\n', host.Logs.Lines);
        Assert.Contains("sip:1001@example.com", log, StringComparison.Ordinal);
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-1001", log, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pw-1003", log, StringComparison.Ordinal);
    }

    private static Task<ConnectyCubeEmulatorHost> StartEmulatorAsync(string? authSecret = null) =>
        ConnectyCubeEmulatorHost.StartAsync(new EmulatorOptions { Url = "http://127.0.0.1:0", AuthSecret = authSecret });

    private static ConnectyCubeRestOptions Options(ConnectyCubeEmulatorHost emulator, string? authSecret = null) =>
        new() { ApiUrl = emulator.ApiUri, ApplicationId = 1, AuthKey = "sipcube-local", AuthSecret = authSecret };
}
