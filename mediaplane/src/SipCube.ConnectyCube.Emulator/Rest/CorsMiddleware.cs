using Microsoft.AspNetCore.Http;

namespace SipCube.ConnectyCube.Emulator.Rest;

/// <summary>
/// Lets a page on another origin call the REST API: preflights are answered here, and every response carries
/// <c>Access-Control-Allow-Origin</c>.
/// </summary>
/// <remarks>connectycube-protocol.md §1.1 (preflight with cb-sdk, cb-token), §7 point 1.</remarks>
internal static class CorsMiddleware
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        var origin = context.Request.Headers.Origin.ToString();
        headers.AccessControlAllowOrigin = origin.Length > 0 ? origin : "*";
        headers.Vary = "Origin";
        headers.AccessControlExposeHeaders = "CB-Token-ExpirationDate";
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            headers.AccessControlAllowMethods = "GET, POST, PUT, DELETE, OPTIONS";
            headers.AccessControlAllowHeaders = "CB-SDK, CB-Token, CB-AuthKey, Content-Type, ConnectyCube-REST-API-Version";
            headers.AccessControlMaxAge = "600";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
