using Microsoft.Data.Sqlite;
using SipCube.ControlPlane.Mappings;

namespace SipCube.ControlPlane.Storage.Sqlite;

/// <summary>
/// <see cref="IMappingStore"/> on SQLite. The ConnectyCube id index is a UNIQUE column of the same row, so it is
/// always consistent; conditional writes are single statements guarded by the version column.
/// </summary>
internal sealed class SqliteMappingStore(SqliteDatabase database) : IMappingStore
{
    private const int PrimaryKeyViolation = 1555;
    private const int UniqueViolation = 2067;
    private const string Columns = "sip_uri, user, domain, cc_user_id, display_name, ha1_md5, ha1_sha256, cc_secret, version, created_utc, updated_utc";

    public Task<MappingRecord?> GetAsync(string sipUri, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {Columns} FROM mappings WHERE sip_uri = $key", sipUri, cancellationToken);

    public Task<MappingRecord?> FindByConnectyCubeUserIdAsync(long connectyCubeUserId, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {Columns} FROM mappings WHERE cc_user_id = $key", connectyCubeUserId, cancellationToken);

    public async Task<MappingWriteOutcome> CreateAsync(MappingRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO mappings ({Columns}) VALUES ($sip, $user, $domain, $cc, $name, $md5, $sha, $secret, $version, $created, $updated)";
        Bind(command, record);
        return await ExecuteWriteAsync(command, cancellationToken) ?? MappingWriteOutcome.Ok;
    }

    public async Task<MappingWriteOutcome> UpdateAsync(MappingRecord record, string? expectedVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE mappings SET user = $user, domain = $domain, cc_user_id = $cc, display_name = $name, ha1_md5 = $md5,
                ha1_sha256 = $sha, cc_secret = $secret, version = $version, created_utc = $created, updated_utc = $updated
            WHERE sip_uri = $sip AND ($expected IS NULL OR version = $expected)
            """;
        Bind(command, record);
        command.Parameters.AddWithValue("$expected", (object?)expectedVersion ?? DBNull.Value);
        var outcome = await ExecuteWriteAsync(command, cancellationToken);
        return outcome ?? await MissOutcomeAsync(connection, record.SipUri, cancellationToken);
    }

    public async Task<MappingWriteOutcome> DeleteAsync(string sipUri, string? expectedVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM mappings WHERE sip_uri = $sip AND ($expected IS NULL OR version = $expected)";
        command.Parameters.AddWithValue("$sip", sipUri);
        command.Parameters.AddWithValue("$expected", (object?)expectedVersion ?? DBNull.Value);
        var outcome = await ExecuteWriteAsync(command, cancellationToken);
        return outcome ?? await MissOutcomeAsync(connection, sipUri, cancellationToken);
    }

    public async Task<MappingRecordPage> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var after = continuationToken is null ? string.Empty : ContinuationToken.Decode(continuationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM mappings WHERE sip_uri > $after ORDER BY sip_uri LIMIT $limit";
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", pageSize + 1);
        var items = new List<MappingRecord>(pageSize + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(Read(reader));
            }
        }

        if (items.Count <= pageSize)
        {
            return new MappingRecordPage(items, null);
        }

        items.RemoveAt(pageSize);
        return new MappingRecordPage(items, ContinuationToken.Encode(items[^1].SipUri));
    }

    // Zero rows changed: either the row is gone or its version moved on.
    private static async Task<MappingWriteOutcome> MissOutcomeAsync(SqliteConnection connection, string sipUri, CancellationToken cancellationToken)
    {
        await using var probe = connection.CreateCommand();
        probe.CommandText = "SELECT 1 FROM mappings WHERE sip_uri = $sip";
        probe.Parameters.AddWithValue("$sip", sipUri);
        return await probe.ExecuteScalarAsync(cancellationToken) is null ? MappingWriteOutcome.NotFound : MappingWriteOutcome.VersionMismatch;
    }

    private static async Task<MappingWriteOutcome?> ExecuteWriteAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        try
        {
            var changed = await command.ExecuteNonQueryAsync(cancellationToken);
            return changed > 0 ? MappingWriteOutcome.Ok : null;
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == PrimaryKeyViolation)
        {
            return MappingWriteOutcome.DuplicateSipUri;
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == UniqueViolation)
        {
            return MappingWriteOutcome.DuplicateConnectyCubeUserId;
        }
    }

    private async Task<MappingRecord?> QuerySingleAsync(string sql, object key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static void Bind(SqliteCommand command, MappingRecord record)
    {
        var p = command.Parameters;
        p.AddWithValue("$sip", record.SipUri);
        p.AddWithValue("$user", record.User);
        p.AddWithValue("$domain", record.Domain);
        p.AddWithValue("$cc", (object?)record.ConnectyCubeUserId ?? DBNull.Value);
        p.AddWithValue("$name", (object?)record.DisplayName ?? DBNull.Value);
        p.AddWithValue("$md5", (object?)record.Ha1Md5 ?? DBNull.Value);
        p.AddWithValue("$sha", (object?)record.Ha1Sha256 ?? DBNull.Value);
        p.AddWithValue("$secret", (object?)record.ConnectyCubeSecret ?? DBNull.Value);
        p.AddWithValue("$version", record.Version);
        p.AddWithValue("$created", record.CreatedUtc.UtcTicks);
        p.AddWithValue("$updated", record.UpdatedUtc.UtcTicks);
    }

    private static MappingRecord Read(SqliteDataReader r) => new()
    {
        SipUri = r.GetString(0),
        User = r.GetString(1),
        Domain = r.GetString(2),
        ConnectyCubeUserId = r.IsDBNull(3) ? null : r.GetInt64(3),
        DisplayName = r.IsDBNull(4) ? null : r.GetString(4),
        Ha1Md5 = r.IsDBNull(5) ? null : r.GetString(5),
        Ha1Sha256 = r.IsDBNull(6) ? null : r.GetString(6),
        ConnectyCubeSecret = r.IsDBNull(7) ? null : r.GetString(7),
        Version = r.GetString(8),
        CreatedUtc = new DateTimeOffset(r.GetInt64(9), TimeSpan.Zero),
        UpdatedUtc = new DateTimeOffset(r.GetInt64(10), TimeSpan.Zero),
    };
}
