using SipCube.ControlPlane.Mappings;
using SipCube.ControlPlane.Storage.Sqlite;

namespace SipCube.ControlPlane.Tests.Storage;

/// <summary>The mapping store contract on the embedded SQLite store (a fresh database file per test).</summary>
public sealed class SqliteMappingStoreTests : MappingStoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    private protected override Task<IMappingStore> CreateStoreAsync() =>
        Task.FromResult<IMappingStore>(new SqliteMappingStore(new SqliteDatabase(Path.Combine(_directory.Path, "sipcube.db"))));

    public void Dispose() => _directory.Dispose();
}
