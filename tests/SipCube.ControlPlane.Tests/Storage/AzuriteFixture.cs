using Azure.Data.Tables;
using SipCube.Testing;

namespace SipCube.ControlPlane.Tests.Storage;

/// <summary>One Azurite Table service (from tests/node_modules) per test class, on a free loopback port, in memory.</summary>
public sealed class AzuriteFixture : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PeerProcess? _azurite;
    private string? _connectionString;
    private Exception? _failure;

    /// <summary>Starts Azurite on first use (skips or fails the test when it is not installed).</summary>
    public async Task<string> ConnectionStringAsync()
    {
        InteropPeer.RequirePrivateNetwork();
        var program = InteropPeer.Require(Path.Combine(RepositoryPaths.NodeModules, ".bin", "azurite-table"));
        await _gate.WaitAsync();
        try
        {
            if (_connectionString is not null)
            {
                return _connectionString;
            }

            // One failed start fails every test of the class at once instead of waiting again in each.
            if (_failure is not null)
            {
                throw new InvalidOperationException("Azurite did not start", _failure);
            }

            var port = FreePort.Tcp();
            _azurite = PeerProcess.Start(program,
                ["--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                workingDirectory: Path.GetTempPath());
            try
            {
                await _azurite.WaitForOutputAsync("successfully started", TimeSpan.FromSeconds(40));
            }
            catch (TimeoutException ex)
            {
                _failure = ex;
                throw;
            }

            _connectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
            return _connectionString;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A client for a fresh, uniquely named table.</summary>
    public async Task<TableClient> NewTableAsync()
    {
        var service = new TableServiceClient(await ConnectionStringAsync());
        return service.GetTableClient("t" + Guid.NewGuid().ToString("N"));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        _gate.Dispose();
    }
}
