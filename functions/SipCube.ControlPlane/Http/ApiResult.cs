using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SipCube.ControlPlane.Http;

/// <summary>
/// A finished HTTP response (status, headers, body bytes) that both hosts can execute: minimal APIs through
/// <see cref="IResult"/>, the Functions worker's ASP.NET Core integration through <see cref="IActionResult"/>.
/// </summary>
public sealed class ApiResult : IResult, IActionResult
{
    internal ApiResult(int statusCode, string? contentType, ReadOnlyMemory<byte> body, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
        Headers = headers ?? [];
    }

    /// <summary>HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>Content type of <see cref="Body"/>, or null when there is none.</summary>
    public string? ContentType { get; }

    /// <summary>Response body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Extra response headers (ETag, Location, WWW-Authenticate, ...).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>Value of header <paramref name="name"/>, or null.</summary>
    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (ContentType is not null)
        {
            response.ContentType = ContentType;
            response.ContentLength = Body.Length;
            await response.Body.WriteAsync(Body, httpContext.RequestAborted);
        }
    }

    /// <inheritdoc/>
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ExecuteAsync(context.HttpContext);
    }
}
