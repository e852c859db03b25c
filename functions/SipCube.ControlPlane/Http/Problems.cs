using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SipCube.ControlPlane.Http;

/// <summary>RFC 9457 problem details responses (<c>application/problem+json</c>).</summary>
/// <remarks>RFC 9457 §3.1: type, title, status, detail; field errors as the extension member <c>errors</c>.</remarks>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ApiResult BadRequest(string detail, IReadOnlyDictionary<string, string>? errors = null) =>
        Create(StatusCodes.Status400BadRequest, "Bad request", detail, errors);

    public static ApiResult Validation(IReadOnlyDictionary<string, string> errors) =>
        Create(StatusCodes.Status400BadRequest, "Validation failed", "One or more fields are invalid.", errors);

    public static ApiResult Unauthorized() => Create(
        StatusCodes.Status401Unauthorized,
        "Unauthorized",
        "Send the API key in the x-functions-key header or as 'Authorization: Bearer <key>'.",
        null,
        [new("WWW-Authenticate", "Bearer")]);

    public static ApiResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found", detail);

    public static ApiResult Conflict(string detail, string field) =>
        Create(StatusCodes.Status409Conflict, "Conflict", detail, new Dictionary<string, string> { [field] = detail });

    public static ApiResult PreconditionFailed(string detail) => Create(StatusCodes.Status412PreconditionFailed, "Precondition failed", detail);

    public static ApiResult PayloadTooLarge(int limit) =>
        Create(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The request body exceeds {limit} bytes.");

    public static ApiResult UnsupportedMediaType() =>
        Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json.");

    public static ApiResult ServiceUnavailable(string detail) => Create(
        StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail, null, [new("Retry-After", "5")]);

    public static ApiResult ServerError() =>
        Create(StatusCodes.Status500InternalServerError, "Internal server error", "The request failed; see the server log.");

    public static ApiResult Create(int status, string title, string detail, IReadOnlyDictionary<string, string>? errors = null,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "about:blank");
            writer.WriteString("title", title);
            writer.WriteNumber("status", status);
            writer.WriteString("detail", detail);
            if (errors is { Count: > 0 })
            {
                writer.WriteStartObject("errors");
                foreach (var (field, message) in errors)
                {
                    writer.WriteString(field, message);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return new ApiResult(status, ContentType, buffer.ToArray(), headers);
    }

    /// <summary>Plain text detail safe to echo: peer input is cut short so a 10 KB value never comes back whole.</summary>
    public static string Clip(string? value, int maxLength = 64)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var clipped = value.Length > maxLength ? value[..maxLength] + "…" : value;
        var builder = new StringBuilder(clipped.Length);
        foreach (var c in clipped)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }
}
