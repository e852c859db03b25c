using Microsoft.Data.Sqlite;

namespace SipCube.ControlPlane.Tests;

/// <summary>A fresh directory under /tmp, deleted with its contents on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("sipcube-test-").FullName;

    public void Dispose()
    {
        // Pooled SQLite connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
