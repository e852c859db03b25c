using Microsoft.Data.Sqlite;
using SipCube.Contracts.Bus;

namespace SipCube.MediaNode.Bus;

/// <summary>
/// Durable CDR outbox on SQLite (transactional-outbox pattern). <see cref="PublishAsync"/> returns once
/// the CDR is committed to disk; <see cref="CdrOutboxSender"/> sends in order and calls
/// <see cref="DeleteAsync"/> only after the bus accepted it. Republishing the same MessageId is a no-op,
/// so a retried call teardown cannot create a second CDR.
/// </summary>
internal sealed class SqliteCdrOutbox : ICdrPublisher, IDisposable
{
    readonly string connectionString;
    readonly SemaphoreSlim pending = new(0, int.MaxValue);
    long depth;

    public SqliteCdrOutbox(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // Pooling off: each operation opens and closes the file, so a crash never leaves state in a cached handle.
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        DatabasePath = databasePath;
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS cdr_outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                message_id TEXT NOT NULL UNIQUE,
                subject TEXT NOT NULL,
                content_type TEXT NOT NULL,
                traceparent TEXT NULL,
                body BLOB NOT NULL);
            """);
        depth = CountRows(connection);
    }

    /// <summary>The SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>CDRs written but not yet accepted by the bus.</summary>
    public long Depth => Interlocked.Read(ref depth);

    /// <inheritdoc />
    public async ValueTask PublishAsync(BusMessage cdr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cdr);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO cdr_outbox (message_id, subject, content_type, traceparent, body)
            VALUES ($id, $subject, $contentType, $traceparent, $body);
            """;
        command.Parameters.AddWithValue("$id", cdr.MessageId);
        command.Parameters.AddWithValue("$subject", cdr.Subject);
        command.Parameters.AddWithValue("$contentType", cdr.ContentType);
        command.Parameters.AddWithValue("$traceparent", (object?)cdr.TraceParent ?? DBNull.Value);
        command.Parameters.AddWithValue("$body", cdr.Body.ToArray());
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
        {
            Interlocked.Increment(ref depth);
            pending.Release();
        }
    }

    /// <summary>Oldest pending CDRs first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ReadBatchAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, message_id, subject, content_type, traceparent, body FROM cdr_outbox ORDER BY seq LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        var entries = new List<OutboxEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var message = new BusMessage(reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(5))
            {
                ContentType = reader.GetString(3),
                TraceParent = reader.IsDBNull(4) ? null : reader.GetString(4),
            };
            entries.Add(new OutboxEntry(reader.GetInt64(0), message));
        }

        return entries;
    }

    /// <summary>Removes a CDR the bus accepted.</summary>
    public async Task DeleteAsync(long sequence, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM cdr_outbox WHERE seq = $seq;";
        command.Parameters.AddWithValue("$seq", sequence);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
        {
            Interlocked.Decrement(ref depth);
        }
    }

    /// <summary>Waits until a CDR is published or <paramref name="timeout"/> passes.</summary>
    public Task<bool> WaitForPublishAsync(TimeSpan timeout, CancellationToken cancellationToken)
        => pending.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => pending.Dispose();

    SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=FULL;");
        return connection;
    }

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    static long CountRows(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM cdr_outbox;";
        return (long)command.ExecuteScalar()!;
    }
}
