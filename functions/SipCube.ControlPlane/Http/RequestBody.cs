using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace SipCube.ControlPlane.Http;

/// <summary>Reads a JSON request body with a hard size limit and turns every malformed input into a problem.</summary>
internal static class RequestBody
{
    /// <summary>Largest accepted body; a mapping is a few hundred bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, ApiResult? Problem)> ReadJsonAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.PayloadTooLarge(MaxBytes));
        }

        var contentType = request.ContentType;
        if (contentType is not null && !IsJson(contentType))
        {
            return (null, Problems.UnsupportedMediaType());
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var length = 0;
            while (length <= MaxBytes)
            {
                var read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBytes + 1 - length), request.HttpContext.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length > MaxBytes)
            {
                return (null, Problems.PayloadTooLarge(MaxBytes));
            }

            if (length == 0)
            {
                return (null, Problems.BadRequest("The request body is empty; send a JSON object."));
            }

            try
            {
                var value = JsonSerializer.Deserialize(buffer.AsSpan(0, length), typeInfo);
                return value is null
                    ? (null, Problems.BadRequest("The request body must be a JSON object, not null."))
                    : (value, null);
            }
            catch (JsonException ex)
            {
                var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
                return (null, Problems.BadRequest("The request body is not valid JSON for this resource.",
                    new Dictionary<string, string> { [path] = Describe(ex) }));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon];
        }

        mediaType = mediaType.Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase) && mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase));
    }

    // The serializer's message can quote peer input at length; keep only its first sentence, clipped.
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        return Problems.Clip(end > 0 ? message[..end] : message, 200);
    }
}
