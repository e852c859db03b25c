using System.Globalization;
using System.Text.Json;
using SipCube.Contracts;
using SipCube.Contracts.Cdrs;
using SipCube.ControlPlane.Cdrs;

namespace SipCube.ControlPlane.Storage.Sqlite;

/// <summary>
/// <see cref="ICdrStore"/> on SQLite: one row per call id (<c>INSERT OR IGNORE</c> makes redelivery a no-op),
/// the record as JSON plus the columns the query filters on.
/// </summary>
internal sealed class SqliteCdrStore(SqliteDatabase database) : ICdrStore
{
    public async Task<bool> TryAddAsync(CallDetailRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO cdrs (call_id, start_ticks, from_sip, to_sip, from_cc, to_cc, json)
            VALUES ($id, $start, $fromSip, $toSip, $fromCc, $toCc, $json)
            """;
        var p = command.Parameters;
        p.AddWithValue("$id", record.CallId);
        p.AddWithValue("$start", record.StartUtc.UtcTicks);
        p.AddWithValue("$fromSip", (object?)record.FromSipUri ?? DBNull.Value);
        p.AddWithValue("$toSip", (object?)record.ToSipUri ?? DBNull.Value);
        p.AddWithValue("$fromCc", (object?)record.FromConnectyCubeUserId ?? DBNull.Value);
        p.AddWithValue("$toCc", (object?)record.ToConnectyCubeUserId ?? DBNull.Value);
        p.AddWithValue("$json", JsonSerializer.Serialize(record, ContractsJsonContext.Default.CallDetailRecord));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<CallDetailRecord?> GetAsync(string callId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM cdrs WHERE call_id = $id";
        command.Parameters.AddWithValue("$id", callId);
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize(json, ContractsJsonContext.Default.CallDetailRecord)
            : null;
    }

    public async Task<CdrPage> QueryAsync(CdrQuery query, CancellationToken cancellationToken)
    {
        long? afterTicks = null;
        string? afterId = null;
        if (query.ContinuationToken is not null)
        {
            var position = ContinuationToken.Decode(query.ContinuationToken);
            var bar = position.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || !long.TryParse(position.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                throw new FormatException("invalid continuation token");
            }

            afterTicks = ticks;
            afterId = position[(bar + 1)..];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT json, start_ticks, call_id FROM cdrs
            WHERE start_ticks >= $from AND start_ticks < $to
              AND ($sip IS NULL OR from_sip = $sip OR to_sip = $sip)
              AND ($cc IS NULL OR from_cc = $cc OR to_cc = $cc)
              AND ($afterTicks IS NULL OR start_ticks < $afterTicks OR (start_ticks = $afterTicks AND call_id < $afterId))
            ORDER BY start_ticks DESC, call_id DESC
            LIMIT $limit
            """;
        var p = command.Parameters;
        p.AddWithValue("$from", query.From.UtcTicks);
        p.AddWithValue("$to", query.To.UtcTicks);
        p.AddWithValue("$sip", (object?)query.SipUri ?? DBNull.Value);
        p.AddWithValue("$cc", (object?)query.ConnectyCubeUserId ?? DBNull.Value);
        p.AddWithValue("$afterTicks", (object?)afterTicks ?? DBNull.Value);
        p.AddWithValue("$afterId", (object?)afterId ?? DBNull.Value);
        p.AddWithValue("$limit", query.PageSize + 1);

        var items = new List<CallDetailRecord>(query.PageSize + 1);
        string? last = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (items.Count == query.PageSize)
                {
                    return new CdrPage(items, ContinuationToken.Encode(last!));
                }

                items.Add(JsonSerializer.Deserialize(reader.GetString(0), ContractsJsonContext.Default.CallDetailRecord)!);
                last = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture) + "|" + reader.GetString(2);
            }
        }

        return new CdrPage(items, null);
    }
}
