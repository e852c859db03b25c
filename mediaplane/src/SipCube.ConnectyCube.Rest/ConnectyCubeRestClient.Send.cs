using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SipCube.ConnectyCube.Rest;

/// <summary>Transport, retries and error mapping of <see cref="ConnectyCubeRestClient"/>.</summary>
public sealed partial class ConnectyCubeRestClient
{
    /// <summary>The error text the API returns (status 401) for an expired or unknown token (§1.5).</summary>
    public const string SessionMissingMessage = "Required session does not exist";

    private async Task<JsonDocument> SendAsync(HttpMethod method, string route, string? token, JsonObject? body, CancellationToken ct)
    {
        var uri = new Uri(_options.ApiUrl, route + ".json");
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            AddHeaders(request, token);
            if (body is not null)
            {
                request.Content = Json(body);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.RequestTimeout);
            string reason;
            try
            {
                using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return ParseBody(text);
                }

                var status = (int)response.StatusCode;
                if (!IsTransient(response.StatusCode) || attempt >= _options.MaxAttempts)
                {
                    throw MapError(status, text);
                }

                reason = "HTTP " + status;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException)
            {
                if (attempt >= _options.MaxAttempts)
                {
                    throw new ConnectyCubeApiException(ConnectyCubeErrorKind.Unavailable, 0, [], $"ConnectyCube {method} {route} failed: {ex.Message}", ex);
                }

                reason = ex is OperationCanceledException ? "timeout" : ex.Message;
            }

            var delay = _options.InitialRetryDelay * Math.Pow(2, attempt - 1);
            RestLog.Retrying(_logger, method.Method, route, attempt, reason, delay);
            await Task.Delay(delay, _time, ct).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    private static JsonDocument ParseBody(string text)
    {
        try
        {
            return JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
        }
        catch (JsonException ex)
        {
            throw new ConnectyCubeApiException(ConnectyCubeErrorKind.BadResponse, 200, [], "ConnectyCube response is not JSON", ex);
        }
    }

    /// <summary>Maps a status and an error body (<c>{"errors":[...]}</c> or <c>{"errors":{"field":[...]}}</c>).</summary>
    internal static ConnectyCubeApiException MapError(int status, string body)
    {
        var messages = ReadErrors(body);
        var kind = status switch
        {
            401 when messages.Contains("base: " + SessionMissingMessage) || messages.Contains(SessionMissingMessage) => ConnectyCubeErrorKind.SessionExpired,
            401 => ConnectyCubeErrorKind.Unauthorized,
            403 => ConnectyCubeErrorKind.Forbidden,
            404 => ConnectyCubeErrorKind.NotFound,
            429 => ConnectyCubeErrorKind.RateLimited,
            >= 500 => ConnectyCubeErrorKind.Unavailable,
            _ => ConnectyCubeErrorKind.InvalidRequest,
        };
        var summary = messages.Count > 0 ? string.Join("; ", messages) : "no error body";
        return new ConnectyCubeApiException(kind, status, messages, $"ConnectyCube API returned {status}: {summary}");
    }

    private static List<string> ReadErrors(string body)
    {
        var messages = new List<string>();
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("errors", out var errors))
            {
                return messages;
            }

            if (errors.ValueKind == JsonValueKind.Array)
            {
                messages.AddRange(errors.EnumerateArray().Select(e => e.ToString()));
            }
            else if (errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    var values = field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().Select(e => e.ToString()) : [field.Value.ToString()];
                    messages.AddRange(values.Select(v => field.Name + ": " + v));
                }
            }
        }
        catch (JsonException)
        {
            // A non-JSON error page (a proxy's 502, say) still maps by status; the body is not needed.
        }

        return messages;
    }
}
