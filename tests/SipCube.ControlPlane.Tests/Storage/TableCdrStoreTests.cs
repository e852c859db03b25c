using SipCube.ControlPlane.Cdrs;
using SipCube.ControlPlane.Storage.Tables;

namespace SipCube.ControlPlane.Tests.Storage;

/// <summary>The CDR store contract on Azure Table Storage, against a real Azurite.</summary>
[Trait("Category", "Interop")]
public sealed class TableCdrStoreTests(AzuriteFixture azurite) : CdrStoreContractTests, IClassFixture<AzuriteFixture>
{
    private protected override async Task<ICdrStore> CreateStoreAsync() =>
        new TableCdrStore(new ProvisionedTable(await azurite.NewTableAsync()));
}
