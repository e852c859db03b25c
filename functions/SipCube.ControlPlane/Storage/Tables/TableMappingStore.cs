using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SipCube.ControlPlane.Mappings;

namespace SipCube.ControlPlane.Storage.Tables;

/// <summary>
/// <see cref="IMappingStore"/> on Azure Table Storage. A mapping row (<c>u~&lt;encoded SIP URI&gt;</c>) and its
/// ConnectyCube index row (<c>c~&lt;id&gt;</c>) live in one partition and are always written in one entity-group
/// transaction, so the index can never disagree with the mappings. Conditional writes use the row's ETag.
/// </summary>
/// <remarks>
/// One partition keeps the transaction possible; its documented target of about 2,000 entities/s is far above the
/// write rate of a mapping API, and reads go through <see cref="CachedMappingLookup"/>.
/// </remarks>
internal sealed class TableMappingStore(ProvisionedTable provisioned) : IMappingStore
{
    internal const string Partition = "mapping";
    private const string MappingPrefix = "u~";
    private const string IndexPrefix = "c~";

    public async Task<MappingRecord?> GetAsync(string sipUri, CancellationToken cancellationToken) =>
        (await GetEntityAsync(sipUri, cancellationToken)) is { } entity ? Read(entity) : null;

    public async Task<MappingRecord?> FindByConnectyCubeUserIdAsync(long connectyCubeUserId, CancellationToken cancellationToken)
    {
        var table = await provisioned.GetAsync(cancellationToken);
        var index = await table.GetEntityIfExistsAsync<TableEntity>(Partition, IndexKey(connectyCubeUserId), ["SipUri"], cancellationToken);
        return index.HasValue && index.Value!.GetString("SipUri") is { } sipUri ? await GetAsync(sipUri, cancellationToken) : null;
    }

    public async Task<MappingWriteOutcome> CreateAsync(MappingRecord record, CancellationToken cancellationToken)
    {
        var table = await provisioned.GetAsync(cancellationToken);
        List<TableTransactionAction> actions = [new(TableTransactionActionType.Add, Write(record))];
        if (record.ConnectyCubeUserId is { } id)
        {
            actions.Add(new(TableTransactionActionType.Add, IndexEntity(id, record.SipUri)));
        }

        return await SubmitAsync(actions, cancellationToken);
    }

    public async Task<MappingWriteOutcome> UpdateAsync(MappingRecord record, string? expectedVersion, CancellationToken cancellationToken)
    {
        var table = await provisioned.GetAsync(cancellationToken);
        var current = await GetEntityAsync(record.SipUri, cancellationToken);
        if (current is null)
        {
            return MappingWriteOutcome.NotFound;
        }

        if (expectedVersion is not null && current.GetString("Version") != expectedVersion)
        {
            return MappingWriteOutcome.VersionMismatch;
        }

        // The row's ETag guards against a writer that slipped in between our read and this transaction.
        List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, Write(record), current.ETag)];
        var previousId = current.GetInt64("ConnectyCubeUserId");
        if (previousId != record.ConnectyCubeUserId)
        {
            if (previousId is { } old)
            {
                actions.Add(new(TableTransactionActionType.Delete, IndexEntity(old, record.SipUri), ETag.All));
            }

            if (record.ConnectyCubeUserId is { } id)
            {
                actions.Add(new(TableTransactionActionType.Add, IndexEntity(id, record.SipUri)));
            }
        }

        return await SubmitAsync(actions, cancellationToken);
    }

    public async Task<MappingWriteOutcome> DeleteAsync(string sipUri, string? expectedVersion, CancellationToken cancellationToken)
    {
        var table = await provisioned.GetAsync(cancellationToken);
        var current = await GetEntityAsync(sipUri, cancellationToken);
        if (current is null)
        {
            return MappingWriteOutcome.NotFound;
        }

        if (expectedVersion is not null && current.GetString("Version") != expectedVersion)
        {
            return MappingWriteOutcome.VersionMismatch;
        }

        List<TableTransactionAction> actions = [new(TableTransactionActionType.Delete, current, current.ETag)];
        if (current.GetInt64("ConnectyCubeUserId") is { } id)
        {
            actions.Add(new(TableTransactionActionType.Delete, IndexEntity(id, sipUri), ETag.All));
        }

        return await SubmitAsync(actions, cancellationToken);
    }

    public async Task<MappingRecordPage> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await provisioned.GetAsync(cancellationToken);
        var token = continuationToken is null ? null : ContinuationToken.Decode(continuationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {MappingPrefix} and RowKey lt {"u\u007f"}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(token, pageSize))
        {
            var next = string.IsNullOrEmpty(page.ContinuationToken) ? null : ContinuationToken.Encode(page.ContinuationToken);
            return new MappingRecordPage(page.Values.Select(Read).ToList(), next);
        }

        return new MappingRecordPage([], null);
    }

    private async Task<MappingWriteOutcome> SubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var table = await provisioned.GetAsync(cancellationToken);
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return MappingWriteOutcome.Ok;
        }
        catch (TableTransactionFailedException ex)
        {
            var failed = ex.FailedTransactionActionIndex is { } i && i < actions.Count ? actions[i] : null;
            var isIndexRow = failed?.Entity.RowKey.StartsWith(IndexPrefix, StringComparison.Ordinal) == true;
            return ex.Status switch
            {
                409 when isIndexRow => MappingWriteOutcome.DuplicateConnectyCubeUserId,
                409 => MappingWriteOutcome.DuplicateSipUri,
                412 => MappingWriteOutcome.VersionMismatch,
                404 when !isIndexRow => MappingWriteOutcome.NotFound,
                _ => throw new RequestFailedException(ex.Status, ex.Message, ex.ErrorCode, ex),
            };
        }
    }

    private async Task<TableEntity?> GetEntityAsync(string sipUri, CancellationToken cancellationToken)
    {
        var table = await provisioned.GetAsync(cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, MappingKey(sipUri), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static string MappingKey(string sipUri) => MappingPrefix + TableKey.Encode(sipUri);

    private static string IndexKey(long id) => IndexPrefix + id.ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity IndexEntity(long id, string sipUri) => new(Partition, IndexKey(id)) { ["SipUri"] = sipUri };

    private static TableEntity Write(MappingRecord record) => new(Partition, MappingKey(record.SipUri))
    {
        ["SipUri"] = record.SipUri,
        ["User"] = record.User,
        ["Domain"] = record.Domain,
        ["ConnectyCubeUserId"] = record.ConnectyCubeUserId,
        ["DisplayName"] = record.DisplayName,
        ["Ha1Md5"] = record.Ha1Md5,
        ["Ha1Sha256"] = record.Ha1Sha256,
        ["ConnectyCubeSecret"] = record.ConnectyCubeSecret,
        ["Version"] = record.Version,
        ["CreatedUtc"] = record.CreatedUtc,
        ["UpdatedUtc"] = record.UpdatedUtc,
    };

    private static MappingRecord Read(TableEntity e) => new()
    {
        SipUri = e.GetString("SipUri"),
        User = e.GetString("User"),
        Domain = e.GetString("Domain"),
        ConnectyCubeUserId = e.GetInt64("ConnectyCubeUserId"),
        DisplayName = e.GetString("DisplayName"),
        Ha1Md5 = e.GetString("Ha1Md5"),
        Ha1Sha256 = e.GetString("Ha1Sha256"),
        ConnectyCubeSecret = e.GetString("ConnectyCubeSecret"),
        Version = e.GetString("Version"),
        CreatedUtc = e.GetDateTimeOffset("CreatedUtc") ?? default,
        UpdatedUtc = e.GetDateTimeOffset("UpdatedUtc") ?? default,
    };
}
