using Microsoft.Data.Sqlite;

namespace SipCube.ControlPlane.Storage.Sqlite;

/// <summary>
/// The single box's embedded database file (<c>sipcube.db</c> in the data folder): pooled connections, WAL journal
/// so readers never wait for the writer, schema created on first use.
/// </summary>
internal sealed class SqliteDatabase
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS mappings (
            sip_uri TEXT NOT NULL PRIMARY KEY,
            user TEXT NOT NULL,
            domain TEXT NOT NULL,
            cc_user_id INTEGER UNIQUE,
            display_name TEXT,
            ha1_md5 TEXT,
            ha1_sha256 TEXT,
            cc_secret TEXT,
            version TEXT NOT NULL,
            created_utc INTEGER NOT NULL,
            updated_utc INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS cdrs (
            call_id TEXT NOT NULL PRIMARY KEY,
            start_ticks INTEGER NOT NULL,
            from_sip TEXT,
            to_sip TEXT,
            from_cc INTEGER,
            to_cc INTEGER,
            json TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS cdrs_by_start ON cdrs (start_ticks DESC, call_id DESC);
        """;

    private readonly string _connectionString;
    private readonly Lazy<bool> _schema;

    public SqliteDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _schema = new Lazy<bool>(CreateSchema, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        _ = _schema.Value;
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private bool CreateSchema()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        return true;
    }
}
