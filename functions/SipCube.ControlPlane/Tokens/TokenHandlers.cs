using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SipCube.ConnectyCube.Rest;
using SipCube.ControlPlane.Http;
using SipCube.ControlPlane.Mappings;

namespace SipCube.ControlPlane.Tokens;

/// <summary>
/// <c>POST /api/tokens</c>: mints a ConnectyCube session for the identity a mapping logs in as, with the mapping's
/// sealed login/password and the application credentials from configuration (never from the request).
/// </summary>
/// <remarks>
/// connectycube-protocol.md §1.2 (user session), §1.3 (signed form when an auth secret is configured). Failures of
/// ConnectyCube are the upstream's, not ours: refused credentials are 502 (RFC 9110 §15.6.3), an unreachable or
/// overloaded service is 503 with Retry-After (§15.6.4); problems per RFC 9457.
/// </remarks>
internal sealed class TokenHandlers(
    IMappingStore store,
    CredentialCipher cipher,
    ConnectyCubeRestClient? client,
    ILogger<TokenHandlers> logger)
{
    private static readonly TokensJsonContext Json = new(new JsonSerializerOptions(TokensJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public async Task<ApiResult> CreateAsync(HttpRequest request)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(request, Json.TokenRequest);
        if (problem is not null)
        {
            return problem;
        }

        var cancellationToken = request.HttpContext.RequestAborted;
        var (record, lookupProblem) = await FindAsync(body!, cancellationToken);
        if (lookupProblem is not null)
        {
            return lookupProblem;
        }

        if (record!.ConnectyCubeSecret is null)
        {
            return Problems.Conflict($"The mapping {record.SipUri} has no ConnectyCube credentials; store them with PUT /api/mappings first.", "connectyCube");
        }

        var credentials = cipher.Open(record.SipUri, record.ConnectyCubeSecret);
        if (credentials is null)
        {
            TokensLog.CannotOpen(logger, record.SipUri);
            return Problems.Conflict($"The stored ConnectyCube credentials of {record.SipUri} do not open with the configured credential key; store them again.", "connectyCube");
        }

        if (client is null)
        {
            TokensLog.NotConfigured(logger);
            return Problems.ServiceUnavailable("No ConnectyCube application is configured (SipCube:ConnectyCube:ApplicationId).");
        }

        ConnectyCubeSession session;
        try
        {
            session = await client.CreateSessionAsync(ConnectyCubeUserCredentials.ForLogin(credentials.Login, credentials.Password), cancellationToken);
        }
        catch (ConnectyCubeApiException ex) when (ex.Kind is ConnectyCubeErrorKind.Unavailable or ConnectyCubeErrorKind.RateLimited)
        {
            TokensLog.Unavailable(logger, record.SipUri, ex.Kind, ex.Status);
            return Problems.ServiceUnavailable("ConnectyCube is unreachable or overloaded; retry later.");
        }
        catch (ConnectyCubeApiException ex)
        {
            TokensLog.Refused(logger, record.SipUri, ex.Kind, ex.Status);
            return Problems.Create(StatusCodes.Status502BadGateway, "Bad gateway",
                $"ConnectyCube refused the stored credentials of {record.SipUri} ({ex.Kind}, HTTP {ex.Status}).");
        }

        TokensLog.Minted(logger, record.SipUri, session.UserId);
        var expiresAt = session.ExpiresAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return JsonResults.Ok(new TokenResponse(session.Token, session.UserId, expiresAt), Json.TokenResponse,
            [new("Cache-Control", "no-store")]);
    }

    private async Task<(MappingRecord? Record, ApiResult? Problem)> FindAsync(TokenRequest body, CancellationToken cancellationToken)
    {
        if ((body.SipUri is null) == (body.ConnectyCubeUserId is null))
        {
            const string Message = "Send exactly one of sipUri and connectyCubeUserId.";
            return (null, Problems.Validation(new Dictionary<string, string> { ["sipUri"] = Message, ["connectyCubeUserId"] = Message }));
        }

        if (body.SipUri is not null)
        {
            if (!SipAor.TryParse(body.SipUri, out var aor, out var error))
            {
                return (null, Problems.Validation(new Dictionary<string, string> { ["sipUri"] = SipAor.Describe(error) }));
            }

            var record = await store.GetAsync(aor.ToString(), cancellationToken);
            return record is null ? (null, Problems.NotFound($"No mapping for {aor}.")) : (record, null);
        }

        var id = body.ConnectyCubeUserId!.Value;
        if (id <= 0)
        {
            return (null, Problems.Validation(new Dictionary<string, string> { ["connectyCubeUserId"] = "must be a positive integer" }));
        }

        var byId = await store.FindByConnectyCubeUserIdAsync(id, cancellationToken);
        return byId is null
            ? (null, Problems.NotFound(string.Create(CultureInfo.InvariantCulture, $"No mapping for ConnectyCube user {id}.")))
            : (byId, null);
    }
}
