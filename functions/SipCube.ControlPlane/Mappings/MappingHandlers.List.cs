using System.Globalization;
using Microsoft.AspNetCore.Http;
using SipCube.Contracts.Mappings;
using SipCube.ControlPlane.Http;

namespace SipCube.ControlPlane.Mappings;

/// <summary>Listing with filters and continuation-token paging.</summary>
internal sealed partial class MappingHandlers
{
    public async Task<ApiResult> ListAsync(HttpRequest request)
    {
        var query = request.Query;
        var errors = new Dictionary<string, string>();
        string? sipUri = null;
        if (query.TryGetValue("sipUri", out var sipUriText))
        {
            if (SipAor.TryParse(sipUriText.ToString(), out var aor, out var error))
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

        var pageSize = ParsePageSize(query, errors, MappingQuery.DefaultPageSize, MappingQuery.MaxPageSize);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var token = query.TryGetValue("continuationToken", out var tokenText) ? tokenText.ToString() : null;
        var ct = request.HttpContext.RequestAborted;
        if (sipUri is not null || ccId is not null)
        {
            var record = sipUri is not null ? await store.GetAsync(sipUri, ct) : await store.FindByConnectyCubeUserIdAsync(ccId!.Value, ct);
            var match = record is not null && (ccId is null || record.ConnectyCubeUserId == ccId);
            MappingResource[] items = match ? [ToResource(record!)] : [];
            return JsonResults.Ok(new MappingPage(items, null), ApiJson.Context.MappingPage);
        }

        MappingRecordPage page;
        try
        {
            page = await store.ListAsync(pageSize, string.IsNullOrEmpty(token) ? null : token, ct);
        }
        catch (FormatException)
        {
            return Problems.Validation(new Dictionary<string, string> { ["continuationToken"] = "is not a token this API issued" });
        }

        var resources = page.Items.Select(ToResource).ToArray();
        return JsonResults.Ok(new MappingPage(resources, page.ContinuationToken), ApiJson.Context.MappingPage);
    }

    internal static int ParsePageSize(IQueryCollection query, Dictionary<string, string> errors, int defaultSize, int maxSize)
    {
        if (!query.TryGetValue("pageSize", out var text))
        {
            return defaultSize;
        }

        if (int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is > 0 && size <= maxSize)
        {
            return size;
        }

        errors["pageSize"] = $"must be an integer from 1 to {maxSize}";
        return defaultSize;
    }
}
