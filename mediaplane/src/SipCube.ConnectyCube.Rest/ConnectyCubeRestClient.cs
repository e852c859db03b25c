using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SipCube.ConnectyCube.Rest;

/// <summary>
/// The REST calls the bridge and the token minting need: sessions (application and user, signed when an auth
/// secret is configured), sign-up and user lookup. Each call has a per-attempt timeout and retries 5xx, 429 and
/// network failures with exponential backoff; other failures surface as <see cref="ConnectyCubeApiException"/>.
/// </summary>
/// <remarks>connectycube-protocol.md §1.</remarks>
public sealed partial class ConnectyCubeRestClient
{
    private const string SdkHeader = "SipCube 1.0 - Server";
    private readonly HttpClient _http;
    private readonly ConnectyCubeRestOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a client over <paramref name="http"/> (owned by the caller, e.g. from IHttpClientFactory).</summary>
    public ConnectyCubeRestClient(HttpClient http, ConnectyCubeRestOptions options, TimeProvider? timeProvider = null, ILogger<ConnectyCubeRestClient>? logger = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The options in use.</summary>
    public ConnectyCubeRestOptions Options => _options;

    /// <summary>Creates a session: an application session without <paramref name="user"/>, else a user session.</summary>
    public async Task<ConnectyCubeSession> CreateSessionAsync(ConnectyCubeUserCredentials? user, CancellationToken cancellationToken = default)
    {
        var body = BuildSessionBody(user);
        using var json = await SendAsync(HttpMethod.Post, "session", null, body, cancellationToken).ConfigureAwait(false);
        var session = ReadObject(json, "session");
        var result = new ConnectyCubeSession(
            ReadString(session, "token"),
            session.TryGetProperty("user_id", out var uid) && uid.ValueKind == JsonValueKind.Number ? uid.GetInt32() : 0,
            _options.ApplicationId,
            _time.GetUtcNow() + _options.SessionLifetime);
        RestLog.SessionCreated(_logger, result.UserId);
        return result;
    }

    /// <summary>Reads the session behind <paramref name="token"/> (also slides its expiry on the server).</summary>
    public async Task<ConnectyCubeSession> GetSessionAsync(string token, CancellationToken cancellationToken = default)
    {
        using var json = await SendAsync(HttpMethod.Get, "session", token, null, cancellationToken).ConfigureAwait(false);
        var session = ReadObject(json, "session");
        var userId = session.TryGetProperty("user_id", out var uid) && uid.ValueKind == JsonValueKind.Number ? uid.GetInt32() : 0;
        return new ConnectyCubeSession(token, userId, _options.ApplicationId, _time.GetUtcNow() + _options.SessionLifetime);
    }

    /// <summary>Destroys the session behind <paramref name="token"/>.</summary>
    public async Task DestroySessionAsync(string token, CancellationToken cancellationToken = default)
    {
        using var _ = await SendAsync(HttpMethod.Delete, "session", token, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a user (sign-up) with an application or user session token.</summary>
    public async Task<ConnectyCubeUser> SignUpAsync(string token, string login, string password, string? fullName, CancellationToken cancellationToken = default)
    {
        var user = new JsonObject { ["login"] = login, ["password"] = password };
        if (fullName is not null)
        {
            user["full_name"] = fullName;
        }

        using var json = await SendAsync(HttpMethod.Post, "users", token, new JsonObject { ["user"] = user }, cancellationToken).ConfigureAwait(false);
        return ReadUser(ReadObject(json, "user"));
    }

    /// <summary>Reads a user by id.</summary>
    public async Task<ConnectyCubeUser> GetUserAsync(string token, int userId, CancellationToken cancellationToken = default)
    {
        var path = "users/" + userId.ToString(CultureInfo.InvariantCulture);
        using var json = await SendAsync(HttpMethod.Get, path, token, null, cancellationToken).ConfigureAwait(false);
        return ReadUser(ReadObject(json, "user"));
    }

    /// <summary>The session request body; with an auth secret it carries nonce, timestamp and signature (§1.3).</summary>
    internal JsonObject BuildSessionBody(ConnectyCubeUserCredentials? user)
    {
        var flat = new List<KeyValuePair<string, string>>
        {
            new("application_id", _options.ApplicationId.ToString(CultureInfo.InvariantCulture)),
            new("auth_key", _options.AuthKey),
        };
        var body = new JsonObject { ["application_id"] = _options.ApplicationId, ["auth_key"] = _options.AuthKey };
        if (user is not null)
        {
            var userJson = new JsonObject();
            if (user.Login is not null)
            {
                userJson["login"] = user.Login;
                flat.Add(new("user[login]", user.Login));
            }
            else if (user.Email is not null)
            {
                userJson["email"] = user.Email;
                flat.Add(new("user[email]", user.Email));
            }

            userJson["password"] = user.Password;
            flat.Add(new("user[password]", user.Password));
            body["user"] = userJson;
        }

        if (_options.AuthSecret is { Length: > 0 } secret)
        {
            var nonce = RandomNumberGenerator.GetInt32(1, int.MaxValue);
            var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
            body["nonce"] = nonce;
            body["timestamp"] = timestamp;
            flat.Add(new("nonce", nonce.ToString(CultureInfo.InvariantCulture)));
            flat.Add(new("timestamp", timestamp.ToString(CultureInfo.InvariantCulture)));
            body["signature"] = SessionSignature.Sign(SessionSignature.CanonicalString(flat), secret);
        }

        return body;
    }

    private static ConnectyCubeUser ReadUser(JsonElement user) => new(
        user.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetInt32() : throw BadResponse("user.id missing"),
        OptionalString(user, "login"),
        OptionalString(user, "email"),
        OptionalString(user, "full_name"));

    private static JsonElement ReadObject(JsonDocument json, string name) =>
        json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw BadResponse($"'{name}' object missing");

    private static string ReadString(JsonElement obj, string name) =>
        OptionalString(obj, name) ?? throw BadResponse($"'{name}' missing");

    private static string? OptionalString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ConnectyCubeApiException BadResponse(string what) =>
        new(ConnectyCubeErrorKind.BadResponse, 200, [], "unexpected ConnectyCube response: " + what);

    private static void AddHeaders(HttpRequestMessage request, string? token)
    {
        request.Headers.TryAddWithoutValidation("CB-SDK", SdkHeader);
        request.Headers.TryAddWithoutValidation("ConnectyCube-REST-API-Version", "0.1.1");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("CB-Token", token);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
