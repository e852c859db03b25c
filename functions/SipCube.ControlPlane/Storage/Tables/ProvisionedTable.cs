using Azure.Data.Tables;

namespace SipCube.ControlPlane.Storage.Tables;

/// <summary>A table that is created on first use, so building the host never talks to storage.</summary>
internal sealed class ProvisionedTable(TableClient client)
{
    private Task? _created;

    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            // Several callers may race to create it; CreateIfNotExists is idempotent, so that is harmless.
            created = client.CreateIfNotExistsAsync(CancellationToken.None);
            _created = created;
        }

        await created.WaitAsync(cancellationToken);
        return client;
    }
}
