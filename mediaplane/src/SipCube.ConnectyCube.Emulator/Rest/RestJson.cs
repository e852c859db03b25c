using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SipCube.ConnectyCube.Emulator.Directory;

namespace SipCube.ConnectyCube.Emulator.Rest;

/// <summary>JSON shapes of the REST subset: user and session objects, error bodies, request reading.</summary>
/// <remarks>connectycube-protocol.md §1.4, §1.8.</remarks>
internal static class RestJson
{
    /// <summary>The body the SDK checks for an expired or unknown token (status 401).</summary>
    public const string SessionMissing = "Required session does not exist";

    public static JsonObject User(EmulatorUser user) => new()
    {
        ["id"] = user.Id,
        ["login"] = user.Login,
        ["email"] = user.Email,
        ["full_name"] = user.FullName,
        ["phone"] = null,
        ["website"] = null,
        ["created_at"] = Iso(user.CreatedAt),
        ["updated_at"] = Iso(user.CreatedAt),
        ["last_request_at"] = null,
        ["external_user_id"] = null,
        ["external_id"] = null,
        ["facebook_id"] = null,
        ["twitter_id"] = null,
        ["custom_data"] = null,
        ["blob_id"] = null,
        ["avatar"] = null,
        ["user_tags"] = null,
        ["timezone"] = null,
    };

    public static JsonObject Session(EmulatorSession session, EmulatorUser? user)
    {
        var json = new JsonObject
        {
            ["id"] = session.Id,
            ["user_id"] = session.UserId,
            ["application_id"] = session.ApplicationId,
            ["token"] = session.Token,
            ["ts"] = session.CreatedAt.ToUnixTimeSeconds(),
            ["created_at"] = Iso(session.CreatedAt),
            ["updated_at"] = Iso(session.LastUsed),
        };
        if (user is not null)
        {
            json["user"] = User(user);
        }

        return new JsonObject { ["session"] = json };
    }

    public static IResult Error(int status, params string[] messages) =>
        Results.Json(new JsonObject { ["errors"] = new JsonArray(messages.Select(m => (JsonNode?)m).ToArray()) }, statusCode: status);

    public static IResult BaseError(int status, string message) =>
        Results.Json(new JsonObject { ["errors"] = new JsonObject { ["base"] = new JsonArray(message) } }, statusCode: status);

    public static IResult FieldError(int status, string field, string message) =>
        Results.Json(new JsonObject { ["errors"] = new JsonObject { [field] = new JsonArray(message) } }, statusCode: status);

    /// <summary>Reads a JSON object or form body (legacy SDKs post forms with <c>user[login]</c> keys); null if neither.</summary>
    public static async Task<JsonElement?> ReadBodyAsync(HttpRequest request)
    {
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
                var root = new JsonObject();
                foreach (var (key, value) in form)
                {
                    var open = key.IndexOf('[', StringComparison.Ordinal);
                    if (open > 0 && key.EndsWith(']'))
                    {
                        var parent = key[..open];
                        if (root[parent] is not JsonObject child)
                        {
                            child = new JsonObject();
                            root[parent] = child;
                        }

                        child[key[(open + 1)..^1]] = value.ToString();
                    }
                    else
                    {
                        root[key] = value.ToString();
                    }
                }

                return JsonSerializer.SerializeToElement(root);
            }

            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }

    public static string? String(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    public static int? Int(JsonElement obj, string name) =>
        int.TryParse(String(obj, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
