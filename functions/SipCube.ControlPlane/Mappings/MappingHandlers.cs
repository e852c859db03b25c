using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SipCube.Contracts.Mappings;
using SipCube.ControlPlane.Http;

namespace SipCube.ControlPlane.Mappings;

/// <summary>
/// The mapping API (<c>/api/mappings</c>): create, read, replace, delete, list. Passwords become digest hashes,
/// ConnectyCube credentials are sealed, and nothing secret is ever returned.
/// </summary>
/// <remarks>Conditional requests per RFC 9110 §13.1.1 (If-Match) and §15.5.13 (412); problems per RFC 9457.</remarks>
internal sealed partial class MappingHandlers(
    IMappingStore store,
    CredentialCipher cipher,
    MappingChangeFeed feed,
    TimeProvider time,
    ILogger<MappingHandlers> logger)
{
    private const int UnconditionalRetries = 5;

    public async Task<ApiResult> CreateAsync(HttpRequest request)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync(request, ApiJson.Context.MappingWriteRequest);
        if (problem is not null)
        {
            return problem;
        }

        var errors = MappingValidator.Validate(body!, sipUriRequired: true, out var aor);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (body!.ConnectyCube is not null && !cipher.HasKey)
        {
            return Problems.ServiceUnavailable("No credential key is configured, so ConnectyCube credentials cannot be stored.");
        }

        var now = time.GetUtcNow();
        var record = Build(aor, body, existing: null, now);
        var outcome = await store.CreateAsync(record, request.HttpContext.RequestAborted);
        if (outcome != MappingWriteOutcome.Ok)
        {
            return WriteProblem(outcome, record.SipUri);
        }

        Announce(new MappingChanged(record.SipUri, record.ConnectyCubeUserId, null, MappingChangeKind.Created));
        return JsonResults.Created(ToResource(record), ApiJson.Context.MappingResource,
            [new("Location", Location(record.SipUri)), new("ETag", Quote(record.Version))]);
    }

    public async Task<ApiResult> GetAsync(HttpRequest request, string? sipUri)
    {
        if (!TryRouteAor(sipUri, out var aor, out var problem))
        {
            return problem!;
        }

        var record = await store.GetAsync(aor.ToString(), request.HttpContext.RequestAborted);
        return record is null
            ? Problems.NotFound($"No mapping for {aor}.")
            : JsonResults.Ok(ToResource(record), ApiJson.Context.MappingResource, [new("ETag", Quote(record.Version))]);
    }

    public async Task<ApiResult> UpdateAsync(HttpRequest request, string? sipUri)
    {
        if (!TryRouteAor(sipUri, out var aor, out var routeProblem))
        {
            return routeProblem!;
        }

        var (body, problem) = await RequestBody.ReadJsonAsync(request, ApiJson.Context.MappingWriteRequest);
        if (problem is not null)
        {
            return problem;
        }

        var errors = MappingValidator.Validate(body!, sipUriRequired: false, out var bodyAor);
        if (errors.Count == 0 && body!.SipUri is not null && bodyAor != aor)
        {
            errors["sipUri"] = "must match the mapping in the URL (a SIP URI cannot be renamed; delete and create instead)";
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (body!.ConnectyCube is not null && !cipher.HasKey)
        {
            return Problems.ServiceUnavailable("No credential key is configured, so ConnectyCube credentials cannot be stored.");
        }

        var ifMatch = IfMatch(request);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await store.GetAsync(aor.ToString(), request.HttpContext.RequestAborted);
            if (existing is null)
            {
                return Problems.NotFound($"No mapping for {aor}.");
            }

            if (ifMatch is not null && ifMatch != "*" && ifMatch != existing.Version)
            {
                return Problems.PreconditionFailed("The mapping changed since you read it (ETag mismatch); GET it again.");
            }

            var record = Build(aor, body, existing, time.GetUtcNow());
            var outcome = await store.UpdateAsync(record, existing.Version, request.HttpContext.RequestAborted);
            if (outcome == MappingWriteOutcome.VersionMismatch && (ifMatch is null || ifMatch == "*") && attempt < UnconditionalRetries)
            {
                // No precondition from the caller: our own read-merge-write lost a race, so redo it on fresh data.
                continue;
            }

            if (outcome != MappingWriteOutcome.Ok)
            {
                return WriteProblem(outcome, record.SipUri);
            }

            Announce(new MappingChanged(record.SipUri, record.ConnectyCubeUserId, existing.ConnectyCubeUserId, MappingChangeKind.Updated));
            return JsonResults.Ok(ToResource(record), ApiJson.Context.MappingResource, [new("ETag", Quote(record.Version))]);
        }
    }

    public async Task<ApiResult> DeleteAsync(HttpRequest request, string? sipUri)
    {
        if (!TryRouteAor(sipUri, out var aor, out var problem))
        {
            return problem!;
        }

        var existing = await store.GetAsync(aor.ToString(), request.HttpContext.RequestAborted);
        if (existing is null)
        {
            return Problems.NotFound($"No mapping for {aor}.");
        }

        var ifMatch = IfMatch(request);
        var expected = ifMatch is null or "*" ? null : ifMatch;
        var outcome = await store.DeleteAsync(existing.SipUri, expected, request.HttpContext.RequestAborted);
        if (outcome != MappingWriteOutcome.Ok)
        {
            return WriteProblem(outcome, existing.SipUri);
        }

        Announce(new MappingChanged(existing.SipUri, null, existing.ConnectyCubeUserId, MappingChangeKind.Deleted));
        return JsonResults.NoContent();
    }

    private MappingRecord Build(SipAor aor, MappingWriteRequest body, MappingRecord? existing, DateTimeOffset now)
    {
        var sipUri = aor.ToString();
        var (md5, sha256) = body.SipPassword is { } password
            ? (DigestHa1.Md5(aor.User, aor.Host, password), DigestHa1.Sha256(aor.User, aor.Host, password))
            : (existing?.Ha1Md5, existing?.Ha1Sha256);
        var secret = body.ConnectyCube is { } cc
            ? cipher.Seal(sipUri, cc.Login!, cc.Password!)
            : existing?.ConnectyCubeSecret;
        return new MappingRecord
        {
            SipUri = sipUri,
            User = aor.User,
            Domain = aor.Host,
            ConnectyCubeUserId = body.ConnectyCubeUserId,
            DisplayName = body.DisplayName,
            Ha1Md5 = md5,
            Ha1Sha256 = sha256,
            ConnectyCubeSecret = secret,
            Version = MappingRecord.NewVersion(),
            CreatedUtc = existing?.CreatedUtc ?? now,
            UpdatedUtc = now,
        };
    }

    private void Announce(MappingChanged change)
    {
        ControlPlaneLog.MappingChanged(logger, change.SipUri, change.Kind.ToString());
        feed.Publish(change);
    }

    internal static MappingResource ToResource(MappingRecord record) => new()
    {
        SipUri = record.SipUri,
        ConnectyCubeUserId = record.ConnectyCubeUserId,
        DisplayName = record.DisplayName,
        Role = record.Ha1Md5 is null ? "alias" : "phone",
        HasConnectyCubeCredentials = record.ConnectyCubeSecret is not null,
        ETag = Quote(record.Version),
        CreatedUtc = record.CreatedUtc,
        UpdatedUtc = record.UpdatedUtc,
    };

    private static ApiResult WriteProblem(MappingWriteOutcome outcome, string sipUri) => outcome switch
    {
        MappingWriteOutcome.NotFound => Problems.NotFound($"No mapping for {sipUri}."),
        MappingWriteOutcome.DuplicateSipUri => Problems.Conflict($"A mapping for {sipUri} already exists.", "sipUri"),
        MappingWriteOutcome.DuplicateConnectyCubeUserId => Problems.Conflict("Another mapping already uses this ConnectyCube user id.", "connectyCubeUserId"),
        MappingWriteOutcome.VersionMismatch => Problems.PreconditionFailed("The mapping changed since you read it (ETag mismatch); GET it again."),
        _ => Problems.ServerError(),
    };

    private static bool TryRouteAor(string? routeValue, out SipAor aor, out ApiResult? problem)
    {
        problem = null;
        if (SipAor.TryParse(routeValue ?? string.Empty, out aor, out var error))
        {
            return true;
        }

        problem = Problems.Validation(new Dictionary<string, string> { ["sipUri"] = SipAor.Describe(error) });
        return false;
    }

    internal static string Location(string sipUri) => "/api/mappings/" + Uri.EscapeDataString(sipUri);

    internal static string Quote(string version) => "\"" + version + "\"";

    /// <summary>The first entity tag of If-Match without quotes or weak prefix, "*", or null when absent.</summary>
    internal static string? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var first = header.Split(',')[0].Trim();
        if (first.StartsWith("W/", StringComparison.Ordinal))
        {
            first = first[2..];
        }

        return first.Trim('"');
    }

    internal static string FormatId(long id) => id.ToString(CultureInfo.InvariantCulture);
}
