using SipCube.ControlPlane.Mappings;
using SipCube.ControlPlane.Storage.Tables;

namespace SipCube.ControlPlane.Tests.Storage;

/// <summary>The mapping store contract on Azure Table Storage, against a real Azurite.</summary>
[Trait("Category", "Interop")]
public sealed class TableMappingStoreTests(AzuriteFixture azurite) : MappingStoreContractTests, IClassFixture<AzuriteFixture>
{
    private protected override async Task<IMappingStore> CreateStoreAsync() =>
        new TableMappingStore(new ProvisionedTable(await azurite.NewTableAsync()));
}
