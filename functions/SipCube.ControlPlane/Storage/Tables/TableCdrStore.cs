using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SipCube.Contracts;
using SipCube.Contracts.Cdrs;
using SipCube.ControlPlane.Cdrs;

namespace SipCube.ControlPlane.Storage.Tables;

/// <summary>
/// <see cref="ICdrStore"/> on Azure Table Storage. Partition = UTC month of the call's start (<c>yyyyMM</c>). Each
/// CDR is two rows written in one transaction: <c>t~&lt;inverted start ticks&gt;~&lt;call id&gt;</c> (RowKey order =
/// newest first, holds the record) and <c>i~&lt;call id&gt;</c> (makes a redelivery fail as a duplicate, atomically).
/// </summary>
internal sealed class TableCdrStore(ProvisionedTable provisioned) : ICdrStore
{
    private const string TimePrefix = "t~";
    private const string IdPrefix = "i~";

    public async Task<bool> TryAddAsync(CallDetailRecord record, CancellationToken cancellationToken)
    {
        var table = await provisioned.GetAsync(cancellationToken);
        var partition = PartitionOf(record.StartUtc);
        var callKey = TableKey.Encode(record.CallId);
        var row = new TableEntity(partition, TimeKey(record.StartUtc) + "~" + callKey)
        {
            ["Json"] = JsonSerializer.Serialize(record, ContractsJsonContext.Default.CallDetailRecord),
            ["FromSipUri"] = record.FromSipUri,
            ["ToSipUri"] = record.ToSipUri,
            ["FromConnectyCubeUserId"] = record.FromConnectyCubeUserId,
            ["ToConnectyCubeUserId"] = record.ToConnectyCubeUserId,
        };
        var id = new TableEntity(partition, IdPrefix + callKey) { ["RowKeyOfRecord"] = row.RowKey };
        try
        {
            await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, id), new(TableTransactionActionType.Add, row)], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<CallDetailRecord?> GetAsync(string callId, CancellationToken cancellationToken)
    {
        var table = await provisioned.GetAsync(cancellationToken);
        // Cross-partition (the month is unknown): only tests and support tools use this.
        var filter = TableClient.CreateQueryFilter($"RowKey eq {IdPrefix + TableKey.Encode(callId)}");
        await foreach (var id in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(id.PartitionKey, id.GetString("RowKeyOfRecord"), cancellationToken: cancellationToken);
            return row.HasValue ? Deserialize(row.Value!) : null;
        }

        return null;
    }

    public async Task<CdrPage> QueryAsync(CdrQuery query, CancellationToken cancellationToken)
    {
        var table = await provisioned.GetAsync(cancellationToken);
        var last = query.To.AddTicks(-1);
        var month = new DateTimeOffset(last.Year, last.Month, 1, 0, 0, 0, TimeSpan.Zero);
        string? tableToken = null;
        if (query.ContinuationToken is not null)
        {
            (month, tableToken) = ParseToken(query.ContinuationToken);
        }

        var firstMonth = new DateTimeOffset(query.From.Year, query.From.Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (; month >= firstMonth; month = month.AddMonths(-1), tableToken = null)
        {
            var filter = Filter(query, PartitionOf(month));
            await foreach (var page in table.QueryAsync<TableEntity>(filter, query.PageSize, cancellationToken: cancellationToken).AsPages(tableToken, query.PageSize))
            {
                var items = page.Values.Select(Deserialize).ToList();
                string? next = null;
                if (!string.IsNullOrEmpty(page.ContinuationToken))
                {
                    next = Token(month, page.ContinuationToken);
                }
                else if (month.AddMonths(-1) >= firstMonth)
                {
                    next = Token(month.AddMonths(-1), string.Empty);
                }

                if (items.Count > 0 || next is null)
                {
                    return new CdrPage(items, next);
                }

                if (!string.IsNullOrEmpty(page.ContinuationToken))
                {
                    // An empty page with a token (the service can return those): keep reading this month.
                    return await QueryAsync(query with { ContinuationToken = next }, cancellationToken);
                }

                break;
            }
        }

        return new CdrPage([], null);
    }

    private static string Filter(CdrQuery query, string partition)
    {
        var upper = TimeKey(query.From) + "~\u007f";
        var lower = TimeKey(query.To) + "~\u007f";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {lower} and RowKey lt {upper}");
        if (query.SipUri is { } sip)
        {
            filter += " and " + TableClient.CreateQueryFilter($"(FromSipUri eq {sip} or ToSipUri eq {sip})");
        }

        if (query.ConnectyCubeUserId is { } cc)
        {
            filter += " and " + TableClient.CreateQueryFilter($"(FromConnectyCubeUserId eq {cc} or ToConnectyCubeUserId eq {cc})");
        }

        return filter;
    }

    private static CallDetailRecord Deserialize(TableEntity entity) =>
        JsonSerializer.Deserialize(entity.GetString("Json"), ContractsJsonContext.Default.CallDetailRecord)!;

    private static string PartitionOf(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);

    // Inverted ticks: a later start sorts first in RowKey order.
    private static string TimeKey(DateTimeOffset time) =>
        TimePrefix + (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static string Token(DateTimeOffset month, string tableToken) => ContinuationToken.Encode(PartitionOf(month) + "|" + tableToken);

    private static (DateTimeOffset Month, string? TableToken) ParseToken(string token)
    {
        var position = ContinuationToken.Decode(token);
        if (position.Length < 7 || position[6] != '|'
            || !DateTimeOffset.TryParseExact(position[..6], "yyyyMM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var month))
        {
            throw new FormatException("invalid continuation token");
        }

        var tableToken = position[7..];
        return (new DateTimeOffset(month.Year, month.Month, 1, 0, 0, 0, TimeSpan.Zero), tableToken.Length == 0 ? null : tableToken);
    }
}
