using SipCube.ControlPlane.Cdrs;
using SipCube.ControlPlane.Storage.Sqlite;

namespace SipCube.ControlPlane.Tests.Storage;

/// <summary>The CDR store contract on SQLite.</summary>
public sealed class SqliteCdrStoreTests : CdrStoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    private protected override Task<ICdrStore> CreateStoreAsync() =>
        Task.FromResult<ICdrStore>(new SqliteCdrStore(new SqliteDatabase(Path.Combine(_directory.Path, "sipcube.db"))));

    public void Dispose() => _directory.Dispose();
}
