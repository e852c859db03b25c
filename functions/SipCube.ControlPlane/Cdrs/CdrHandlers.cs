using System.Globalization;
using Microsoft.AspNetCore.Http;
using SipCube.ControlPlane.Http;
using SipCube.ControlPlane.Mappings;

namespace SipCube.ControlPlane.Cdrs;

/// <summary><c>GET /api/cdrs?from=&amp;to=&amp;sipUri=&amp;connectyCubeUserId=</c>: newest first, paged.</summary>
/// <remarks>Times are RFC 3339 (ISO 8601) date-times; <c>to</c> defaults to now and <c>from</c> to 31 days before <c>to</c>.</remarks>
internal sealed class CdrHandlers(ICdrStore store, TimeProvider time)
{
    public async Task<ApiResult> ListAsync(HttpRequest request)
    {
        var query = request.Query;
        var errors = new Dictionary<string, string>();
        var to = ParseTime(query, "to", errors) ?? time.GetUtcNow();
        var from = ParseTime(query, "from", errors) ?? to - CdrQuery.DefaultWindow;
        if (errors.Count == 0 && from >= to)
        {
            errors["from"] = "must be before 'to'";
        }

        string? sipUri = null;
        if (query.TryGetValue("sipUri", out var sipText))
        {
            if (SipAor.TryParse(sipText.ToString(), out var aor, out var error))
            {
                sipUri = aor.ToString();
            }
            else
            {
                errors["sipUri"] = SipAor.Describe(error);
            }
        }

        long? ccId = null;
        if (query.TryGetValue("connectyCubeUserId", out var ccText))
        {
            if (long.TryParse(ccText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                ccId = id;
            }
            else
            {
                errors["connectyCubeUserId"] = "must be a positive integer";
            }
        }

        var pageSize = MappingHandlers.ParsePageSize(query, errors, CdrQuery.DefaultPageSize, CdrQuery.MaxPageSize);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var token = query.TryGetValue("continuationToken", out var tokenText) && tokenText.ToString().Length > 0 ? tokenText.ToString() : null;
        try
        {
            var page = await store.QueryAsync(new CdrQuery(from, to, sipUri, ccId, pageSize, token), request.HttpContext.RequestAborted);
            return JsonResults.Ok(page, ApiJson.Context.CdrPage);
        }
        catch (FormatException)
        {
            return Problems.Validation(new Dictionary<string, string> { ["continuationToken"] = "is not a token this API issued" });
        }
    }

    private static DateTimeOffset? ParseTime(IQueryCollection query, string name, Dictionary<string, string> errors)
    {
        if (!query.TryGetValue(name, out var text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        errors[name] = "must be an ISO 8601 date-time, e.g. 2026-11-28T10:00:00Z";
        return null;
    }
}
