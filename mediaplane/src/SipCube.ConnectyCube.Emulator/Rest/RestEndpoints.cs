using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SipCube.ConnectyCube.Emulator.Chat;
using SipCube.ConnectyCube.Emulator.Directory;

namespace SipCube.ConnectyCube.Emulator.Rest;

/// <summary>
/// The REST subset the SDK calls: sessions, login, users and HTTP call reject. Every path also answers with the
/// <c>.json</c> suffix the SDK appends.
/// </summary>
/// <remarks>connectycube-protocol.md §1.2-§1.8 and §7 points 1-3.</remarks>
internal static class RestEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EmulatorDirectory directory, EmulatorOptions options, ChatRouter router)
    {
        MapBoth(app, "POST", "/session", ctx => CreateSessionAsync(ctx, directory, options));
        MapBoth(app, "GET", "/session", ctx => Task.FromResult(WithSession(ctx, directory, s =>
            Results.Json(RestJson.Session(s, directory.FindUser(s.ApplicationId, s.UserId))))));
        MapBoth(app, "DELETE", "/session", ctx => Task.FromResult(WithSession(ctx, directory, s =>
        {
            directory.DestroySession(s.Token);
            return Results.Ok(new JsonObject());
        })));
        MapBoth(app, "POST", "/login", ctx => LoginAsync(ctx, directory));
        MapBoth(app, "DELETE", "/login", ctx => Task.FromResult(WithSession(ctx, directory, s =>
        {
            s.UserId = 0;
            return Results.Ok(new JsonObject());
        })));
        MapBoth(app, "POST", "/users", ctx => SignUpAsync(ctx, directory));
        MapBoth(app, "GET", "/users/v2", ctx => Task.FromResult(WithSession(ctx, directory, s => ListUsers(ctx, directory, s))));
        MapBoth(app, "GET", "/users/{id:int}", ctx => Task.FromResult(WithSession(ctx, directory, s =>
        {
            var id = int.Parse((string)ctx.Request.RouteValues["id"]!, System.Globalization.CultureInfo.InvariantCulture);
            return directory.FindUser(s.ApplicationId, id) is { } user
                ? Results.Json(new JsonObject { ["user"] = RestJson.User(user) })
                : RestJson.BaseError(404, "Required user does not exist");
        })));
        MapBoth(app, "POST", "/calls/reject", ctx => RejectCallAsync(ctx, directory, router));
    }

    private static void MapBoth(IEndpointRouteBuilder app, string method, string path, Func<HttpContext, Task<IResult>> handler)
    {
        RequestDelegate run = async ctx => await (await handler(ctx).ConfigureAwait(false)).ExecuteAsync(ctx).ConfigureAwait(false);
        app.MapMethods(path, [method], run);
        app.MapMethods(path + ".json", [method], run);
    }

    private static async Task<IResult> CreateSessionAsync(HttpContext ctx, EmulatorDirectory directory, EmulatorOptions options)
    {
        if (await RestJson.ReadBodyAsync(ctx.Request).ConfigureAwait(false) is not { } body)
        {
            return RestJson.BaseError(400, "Malformed request body");
        }

        var applicationId = RestJson.Int(body, "application_id");
        if (applicationId is null or <= 0 || string.IsNullOrEmpty(RestJson.String(body, "auth_key")))
        {
            return RestJson.FieldError(422, "base", "application_id and auth_key are required");
        }

        if (options.AuthSecret is { } secret && !LegacySignature.IsValid(body, secret))
        {
            return RestJson.BaseError(422, "Unexpected signature");
        }

        EmulatorUser? user = null;
        if (body.TryGetProperty("user", out var userJson) && userJson.ValueKind == JsonValueKind.Object)
        {
            var (outcome, found) = LoginUser(directory, applicationId.Value, userJson);
            if (found is null || outcome == LoginOutcome.WrongPassword)
            {
                return RestJson.Error(401, "Unauthorized");
            }

            user = found;
        }

        var session = directory.CreateSession(applicationId.Value, user?.Id ?? 0);
        return Results.Json(RestJson.Session(session, user), statusCode: 201);
    }

    private static async Task<IResult> LoginAsync(HttpContext ctx, EmulatorDirectory directory)
    {
        if (directory.Touch(ctx.Request.Headers["CB-Token"]) is not { } session)
        {
            return RestJson.BaseError(401, RestJson.SessionMissing);
        }

        if (await RestJson.ReadBodyAsync(ctx.Request).ConfigureAwait(false) is not { } body)
        {
            return RestJson.BaseError(400, "Malformed request body");
        }

        var (outcome, user) = LoginUser(directory, session.ApplicationId, body);
        if (user is null || outcome == LoginOutcome.WrongPassword)
        {
            return RestJson.Error(401, "Unauthorized");
        }

        session.UserId = user.Id;
        return Results.Json(new JsonObject { ["user"] = RestJson.User(user) }, statusCode: 202);
    }

    private static async Task<IResult> SignUpAsync(HttpContext ctx, EmulatorDirectory directory)
    {
        var session = directory.Touch(ctx.Request.Headers["CB-Token"]);
        var authKey = ctx.Request.Headers["CB-AuthKey"].ToString();
        var body = await RestJson.ReadBodyAsync(ctx.Request).ConfigureAwait(false);
        if (session is null && authKey.Length == 0)
        {
            return RestJson.BaseError(401, RestJson.SessionMissing);
        }

        var applicationId = session?.ApplicationId ?? (body is { } b ? RestJson.Int(b, "application_id") : null);
        if (applicationId is null)
        {
            return RestJson.FieldError(422, "base", "application_id is required with CB-AuthKey");
        }

        if (body is not { } json || !json.TryGetProperty("user", out var userJson) || userJson.ValueKind != JsonValueKind.Object)
        {
            return RestJson.FieldError(422, "user", "is required");
        }

        if (string.IsNullOrEmpty(RestJson.String(userJson, "password")) || (RestJson.String(userJson, "login") ?? RestJson.String(userJson, "email")) is null)
        {
            return RestJson.FieldError(422, "base", "login or email and password are required");
        }

        var (outcome, user) = directory.Login(applicationId.Value, RestJson.String(userJson, "login"), RestJson.String(userJson, "email"),
            RestJson.String(userJson, "password")!, RestJson.String(userJson, "full_name"), signUp: true);
        return outcome == LoginOutcome.Taken
            ? RestJson.FieldError(422, "login", "has already been taken")
            : Results.Json(new JsonObject { ["user"] = RestJson.User(user!) }, statusCode: 201);
    }

    private static IResult ListUsers(HttpContext ctx, EmulatorDirectory directory, EmulatorSession session)
    {
        var login = ctx.Request.Query["login"].ToString();
        var users = directory.ListUsers(session.ApplicationId).Where(u => login.Length == 0 || u.Login == login).ToList();
        return Results.Json(new JsonObject
        {
            ["limit"] = 100,
            ["skip"] = 0,
            ["total_entries"] = users.Count,
            ["items"] = new JsonArray(users.Take(100).Select(u => (JsonNode)RestJson.User(u)).ToArray()),
        });
    }

    private static async Task<IResult> RejectCallAsync(HttpContext ctx, EmulatorDirectory directory, ChatRouter router)
    {
        if (directory.Touch(ctx.Request.Headers["CB-Token"]) is not { UserId: > 0 } session)
        {
            return RestJson.BaseError(401, RestJson.SessionMissing);
        }

        if (await RestJson.ReadBodyAsync(ctx.Request).ConfigureAwait(false) is not { } body
            || RestJson.String(body, "sessionID") is not { } callId || RestJson.Int(body, "recipientId") is not { } recipient)
        {
            return RestJson.FieldError(422, "base", "sessionID and recipientId are required");
        }

        router.SendReject(session.ApplicationId, session.UserId, recipient, callId, RestJson.String(body, "platform") ?? "web");
        return Results.Ok(new JsonObject());
    }

    private static (LoginOutcome Outcome, EmulatorUser? User) LoginUser(EmulatorDirectory directory, int applicationId, JsonElement userJson)
    {
        var login = RestJson.String(userJson, "login");
        var email = RestJson.String(userJson, "email");
        var password = RestJson.String(userJson, "password");
        if ((login is null && email is null) || string.IsNullOrEmpty(password))
        {
            return (LoginOutcome.WrongPassword, null);
        }

        return directory.Login(applicationId, login, email, password, RestJson.String(userJson, "full_name"), signUp: false);
    }

    private static IResult WithSession(HttpContext ctx, EmulatorDirectory directory, Func<EmulatorSession, IResult> handler) =>
        directory.Touch(ctx.Request.Headers["CB-Token"]) is { } session
            ? handler(session)
            : RestJson.BaseError(401, RestJson.SessionMissing);
}
